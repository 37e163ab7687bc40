import { Body, Controller, Get, Headers, Param, Post, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiProduces, ApiTags } from '@nestjs/swagger';
import { AuthUser, CurrentUser, Public, Roles } from '../../common/decorators/auth.decorators';
import { IdParam } from '../../common/params';
import { WishLedgerService } from './wish-ledger.service';
import { CommunityQuery, CorrectionDto, CreateWishDto, CursorQuery, ExportQuery, IdNumberDto, ManageQuery, ProofDto, PublishDto, ReasonDto, WallQuery } from './wishes.dto';
import { WishesService } from './wishes.service';
import { SubmitRateLimit } from '../../common/rate-limits';

@ApiTags('wishes')
@ApiBearerAuth()
@Controller('wishes')
export class WishesController {
  constructor(private readonly wishes: WishesService) {}

  /** 心愿墙 — open to everyone; a token only personalises it (党员优先 badge, 我认领的). */
  @Public()
  @Get()
  wall(@CurrentUser() user: AuthUser | undefined, @Query() q: WallQuery) {
    return this.wishes.wall(user, q);
  }

  @Get('mine/claims')
  myClaims(@CurrentUser() user: AuthUser) {
    return this.wishes.myClaims(user);
  }

  @Get('mine/claim-status')
  claimStatus(@CurrentUser() user: AuthUser) {
    return this.wishes.claimStatus(user);
  }

  @Roles('grid_worker', 'staff', 'admin')
  @Get('mine/communities')
  myCommunities(@CurrentUser() user: AuthUser) {
    return this.wishes.myCommunities(user);
  }

  @Roles('grid_worker', 'staff', 'admin')
  @Get('manage')
  manageList(@CurrentUser() user: AuthUser, @Query() q: ManageQuery) {
    return this.wishes.manageList(user, q);
  }

  @Roles('grid_worker', 'staff', 'admin')
  @Get('manage/:id')
  manageDetail(@CurrentUser() user: AuthUser, @Param() p: IdParam) {
    return this.wishes.manageDetail(user, p.id);
  }

  @Roles('grid_worker', 'staff', 'admin')
  @Get('beneficiaries')
  beneficiaries(@CurrentUser() user: AuthUser, @Query() q: CommunityQuery) {
    return this.wishes.beneficiaries(user, q.communityId);
  }

  @Roles('grid_worker', 'staff', 'admin')
  @SubmitRateLimit()
  @Post()
  create(@CurrentUser() user: AuthUser, @Body() dto: CreateWishDto, @Headers('idempotency-key') key?: string) {
    return this.wishes.create(user, dto, key);
  }

  @Public()
  @Get(':id')
  detail(@CurrentUser() user: AuthUser | undefined, @Param() p: IdParam) {
    return this.wishes.detail(user, p.id);
  }

  @Roles('staff', 'admin')
  @Post(':id/publish')
  publish(@CurrentUser() user: AuthUser, @Param() p: IdParam, @Body() dto: PublishDto) {
    return this.wishes.publish(user, p.id, dto);
  }

  @Roles('staff', 'admin')
  @Post(':id/reject')
  reject(@CurrentUser() user: AuthUser, @Param() p: IdParam, @Body() dto: ReasonDto) {
    return this.wishes.reject(user, p.id, dto.reason);
  }

  @Roles('staff', 'admin')
  @Post(':id/withdraw')
  withdraw(@CurrentUser() user: AuthUser, @Param() p: IdParam, @Body() dto: ReasonDto) {
    return this.wishes.withdraw(user, p.id, dto.reason);
  }

  @Post(':id/claim')
  claim(@CurrentUser() user: AuthUser, @Param() p: IdParam) {
    return this.wishes.claim(user, p.id);
  }

  @Post(':id/release')
  release(@CurrentUser() user: AuthUser, @Param() p: IdParam) {
    return this.wishes.release(user, p.id);
  }

  @Post(':id/proof')
  proof(@CurrentUser() user: AuthUser, @Param() p: IdParam, @Body() dto: ProofDto) {
    return this.wishes.submitProof(user, p.id, dto);
  }

  @Roles('grid_worker', 'staff', 'admin')
  @Post(':id/confirm')
  confirm(@CurrentUser() user: AuthUser, @Param() p: IdParam) {
    return this.wishes.confirm(user, p.id);
  }

  @Roles('grid_worker', 'staff', 'admin')
  @Post(':id/send-back')
  sendBack(@CurrentUser() user: AuthUser, @Param() p: IdParam, @Body() dto: ReasonDto) {
    return this.wishes.sendBack(user, p.id, dto.reason);
  }
}

@ApiTags('ledger')
@ApiBearerAuth()
@Controller('ledger')
export class LedgerViewsController {
  constructor(private readonly views: WishLedgerService) {}

  @Get('me')
  mine(@CurrentUser() user: AuthUser, @Query() q: CursorQuery) {
    return this.views.mine(user, q.cursor);
  }

  @Post('me/id-number')
  setIdNumber(@CurrentUser() user: AuthUser, @Body() dto: IdNumberDto) {
    return this.views.setIdNumber(user, dto.idNumber);
  }

  @Get('leaderboard')
  leaderboard(@Query() q: CommunityQuery) {
    return this.views.leaderboard(q.communityId);
  }

  @Roles('staff', 'admin')
  @Get('branches')
  branches(@CurrentUser() user: AuthUser, @Query() q: CommunityQuery) {
    return this.views.branchReport(user, q.communityId);
  }

  @Roles('staff', 'admin')
  @Post('corrections')
  correct(@CurrentUser() user: AuthUser, @Body() dto: CorrectionDto) {
    return this.views.correct(user, dto);
  }

  /** 志愿服务记录 XLSX; the token may come as ?token= so a download link works in a browser. */
  @ApiProduces('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
  @Get('export.xlsx')
  async export(@CurrentUser() user: AuthUser, @Query() q: ExportQuery, @Res() reply: any) {
    const { buffer, filename } = await this.views.exportXlsx(user, q.userId);
    reply
      .header('content-type', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
      .header('content-disposition', `attachment; filename="${filename}"`)
      .header('cache-control', 'private, no-store')
      .send(buffer);
  }
}
