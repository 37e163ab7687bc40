import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { IsIn, IsString, Length, Matches } from 'class-validator';
import { HOLD_STATUSES, HOLD_TRANSITIONS, type CursorPage, type HeldItemView, type HoldAction, type HoldStatus } from '@linli/domain';
import { AuthUser, CurrentUser, Roles } from '../../common/decorators/auth.decorators';
import { IdParam } from '../../common/params';
import { IsOptionalNotNull } from '../../common/validators';
import { HoldsService } from './holds.service';

const HOLD_ACTIONS = Object.keys(HOLD_TRANSITIONS.held) as HoldAction[];

export class HeldListQuery {
  @ApiPropertyOptional({ enum: HOLD_STATUSES }) @IsOptionalNotNull() @IsIn(HOLD_STATUSES, { message: '状态无效' }) status?: HoldStatus;
  @ApiPropertyOptional() @IsOptionalNotNull() @Matches(/^\d{1,10}$/, { message: '分页游标无效' }) cursor?: string;
}

export class HoldDecisionDto {
  @ApiPropertyOptional({ description: 'refuse: why, shown to the author' }) @IsOptionalNotNull() @IsString() @Length(0, 200, { message: '理由不超过 200 字' }) reason?: string;
}

class HoldActionParam extends IdParam {
  @IsIn(HOLD_ACTIONS, { message: '操作须为 release 或 refuse' }) action: HoldAction;
}

/** 待审核内容: text WeChat's content check could not pass, for staff of its community to release or refuse. */
@ApiTags('moderation')
@ApiBearerAuth()
@Roles('staff', 'admin')
@Controller('moderation/held')
export class ModerationController {
  constructor(private readonly holds: HoldsService) {}

  @Get()
  list(@CurrentUser() user: AuthUser, @Query() q: HeldListQuery): Promise<CursorPage<HeldItemView>> {
    return this.holds.list(user, q.status, q.cursor);
  }

  @Post(':id/actions/:action')
  @HttpCode(200)
  act(@CurrentUser() user: AuthUser, @Param() p: HoldActionParam, @Body() dto: HoldDecisionDto): Promise<HeldItemView> {
    return this.holds.act(user, p.id, p.action, dto.reason);
  }
}
