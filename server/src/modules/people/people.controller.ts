import { Body, Controller, Get, Headers, HttpCode, Param, Patch, Post, Query, Req } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { IsIn } from 'class-validator';
import { APPLICATION_TRANSITIONS, type ApplicationAction, type ApplicationView, type BranchView, type CursorPage, type InvitePreview, type InviteView, type PersonView } from '@linli/domain';
import { AuthUser, CurrentUser, Roles } from '../../common/decorators/auth.decorators';
import { IdParam } from '../../common/params';
import type { UserView } from '../auth/me.service';
import { ApplicationsService } from './applications.service';
import { BranchesService } from './branches.service';
import { InvitesService } from './invites.service';
import {
  ApplicationListQuery,
  BranchDto,
  CreateApplicationDto,
  CreateInviteDto,
  InviteCodeDto,
  InviteListQuery,
  PeopleQuery,
  ReasonDto,
  RemoveRoleDto,
} from './people.dto';
import { PeopleService } from './people.service';

const origin = (req: any) => `${req.protocol}://${req.headers.host}`;
const APPLICATION_ACTIONS = Object.keys(APPLICATION_TRANSITIONS.pending) as ApplicationAction[];

class ApplicationActionParam extends IdParam {
  @IsIn(APPLICATION_ACTIONS, { message: '操作须为 approve、refuse 或 withdraw' }) action: ApplicationAction;
}

@ApiTags('people')
@ApiBearerAuth()
@Controller('invites')
export class InvitesController {
  constructor(private readonly invites: InvitesService) {}

  @Roles('staff', 'admin')
  @Post()
  create(@CurrentUser() user: AuthUser, @Body() dto: CreateInviteDto, @Req() req: any, @Headers('idempotency-key') key?: string): Promise<InviteView> {
    return this.invites.create(user, dto, origin(req), key);
  }

  @Roles('staff', 'admin')
  @Get()
  list(@CurrentUser() user: AuthUser, @Query() q: InviteListQuery): Promise<CursorPage<InviteView>> {
    return this.invites.list(user, q);
  }

  /** Before accepting: what the code is an invite to. Any signed-in person. */
  @Post('preview')
  @HttpCode(200)
  preview(@CurrentUser() user: AuthUser, @Body() dto: InviteCodeDto): Promise<InvitePreview> {
    return this.invites.preview(user, dto.code);
  }

  @Post('accept')
  @HttpCode(200)
  accept(@CurrentUser() user: AuthUser, @Body() dto: InviteCodeDto): Promise<{ user: UserView; roleLabel: string; target: string }> {
    return this.invites.accept(user, dto.code);
  }

  @Roles('staff', 'admin')
  @Get(':id')
  detail(@CurrentUser() user: AuthUser, @Param() p: IdParam, @Req() req: any): Promise<InviteView> {
    return this.invites.detail(user, p.id, origin(req));
  }

  @Roles('staff', 'admin')
  @Post(':id/revoke')
  @HttpCode(200)
  revoke(@CurrentUser() user: AuthUser, @Param() p: IdParam): Promise<InviteView> {
    return this.invites.revoke(user, p.id);
  }
}

@ApiTags('people')
@ApiBearerAuth()
@Controller('applications')
export class ApplicationsController {
  constructor(private readonly applications: ApplicationsService) {}

  @Post()
  apply(@CurrentUser() user: AuthUser, @Body() dto: CreateApplicationDto): Promise<ApplicationView> {
    return this.applications.apply(user, dto);
  }

  @Get('mine')
  mine(@CurrentUser() user: AuthUser): Promise<ApplicationView | null> {
    return this.applications.mine(user);
  }

  @Roles('staff', 'admin')
  @Get()
  list(@CurrentUser() user: AuthUser, @Query() q: ApplicationListQuery): Promise<CursorPage<ApplicationView>> {
    return this.applications.list(user, q);
  }

  @Post(':id/actions/:action')
  @HttpCode(200)
  act(@CurrentUser() user: AuthUser, @Param() p: ApplicationActionParam, @Body() dto: ReasonDto): Promise<ApplicationView> {
    return this.applications.act(user, p.id, p.action, dto.reason);
  }
}

@ApiTags('people')
@ApiBearerAuth()
@Controller('people')
export class PeopleController {
  constructor(private readonly people: PeopleService) {}

  @Roles('staff', 'admin')
  @Get()
  list(@CurrentUser() user: AuthUser, @Query() q: PeopleQuery): Promise<CursorPage<PersonView>> {
    return this.people.list(user, q);
  }

  @Roles('staff', 'admin')
  @Post(':id/remove-role')
  @HttpCode(200)
  removeRole(@CurrentUser() user: AuthUser, @Param() p: IdParam, @Body() dto: RemoveRoleDto): Promise<PersonView> {
    return this.people.removeRole(user, p.id, dto);
  }
}

@ApiTags('people')
@ApiBearerAuth()
@Controller('branches')
export class BranchesController {
  constructor(private readonly branches: BranchesService) {}

  /** Any signed-in person: the application form and the invite form choose from it. */
  @Get()
  list(): Promise<BranchView[]> {
    return this.branches.list();
  }

  @Roles('admin')
  @Post()
  create(@CurrentUser() user: AuthUser, @Body() dto: BranchDto): Promise<BranchView> {
    return this.branches.create(user, dto);
  }

  @Roles('admin')
  @Patch(':id')
  update(@CurrentUser() user: AuthUser, @Param() p: IdParam, @Body() dto: BranchDto): Promise<BranchView> {
    return this.branches.update(user, p.id, dto);
  }
}
