import { Body, Controller, Get, Headers, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import type { MyClaims, WishBeneficiaryView, WishClaimStatus, WishCommunity, WishDetail, WishManageDetail, WishManagePage, WishWallPage } from '@linli/domain';
import { AuthUser, CurrentUser, Public, Roles } from '../../common/decorators/auth.decorators';
import { IdParam } from '../../common/params';
import { SubmitRateLimit } from '../../common/rate-limits';
import { CommunityQuery, CreateWishDto, ManageQuery, WallQuery, WishActionDto, WishActionParam } from './wishes.dto';
import { WishLifecycle } from './wishes.lifecycle';
import { WishQueries } from './wishes.queries';
import { WishRecords } from './wishes.records';

/** Those who serve wishes (record them, see the beneficiary); which wishes, the scope decides. */
const MANAGERS = ['grid_worker', 'staff', 'admin'] as const;

@ApiTags('wishes')
@ApiBearerAuth()
@Controller('wishes')
export class WishesController {
  constructor(
    private readonly queries: WishQueries,
    private readonly records: WishRecords,
    private readonly lifecycle: WishLifecycle,
  ) {}

  /** 心愿墙 — open to everyone; a token only personalises it (党员优先 badge, 我认领的). */
  @Public()
  @Get()
  wall(@CurrentUser() user: AuthUser | undefined, @Query() q: WallQuery): Promise<WishWallPage> {
    return this.queries.wall(user, q);
  }

  @Get('mine/claims')
  myClaims(@CurrentUser() user: AuthUser): Promise<MyClaims> {
    return this.queries.myClaims(user);
  }

  @Get('mine/claim-status')
  claimStatus(@CurrentUser() user: AuthUser): Promise<WishClaimStatus> {
    return this.queries.claimStatus(user);
  }

  @Roles(...MANAGERS)
  @Get('mine/communities')
  myCommunities(@CurrentUser() user: AuthUser): Promise<WishCommunity[]> {
    return this.records.myCommunities(user);
  }

  @Roles(...MANAGERS)
  @Get('manage')
  manageList(@CurrentUser() user: AuthUser, @Query() q: ManageQuery): Promise<WishManagePage> {
    return this.queries.manageList(user, q);
  }

  @Roles(...MANAGERS)
  @Get('manage/:id')
  manageDetail(@CurrentUser() user: AuthUser, @Param() p: IdParam): Promise<WishManageDetail> {
    return this.queries.manageDetail(user, p.id);
  }

  @Roles(...MANAGERS)
  @Get('beneficiaries')
  beneficiaries(@CurrentUser() user: AuthUser, @Query() q: CommunityQuery): Promise<WishBeneficiaryView[]> {
    return this.records.beneficiaries(user, q.communityId);
  }

  @Roles(...MANAGERS)
  @SubmitRateLimit()
  @Post()
  create(@CurrentUser() user: AuthUser, @Body() dto: CreateWishDto, @Headers('idempotency-key') key?: string): Promise<WishManageDetail> {
    return this.records.create(user, dto, key);
  }

  @Public()
  @Get(':id')
  detail(@CurrentUser() user: AuthUser | undefined, @Param() p: IdParam): Promise<WishDetail> {
    return this.queries.detail(user, p.id);
  }

  /**
   * Every move of a wish. Who may make it comes from the transition table and the wish's community (no role guard
   * here). claim / release / fulfil answer with the wish as the volunteer sees it (`GET /wishes/:id`); publish,
   * reject, withdraw, confirm and send_back with the manage detail (`GET /wishes/manage/:id`).
   */
  @Post(':id/actions/:action')
  act(@CurrentUser() user: AuthUser, @Param() p: WishActionParam, @Body() dto: WishActionDto, @Headers('idempotency-key') key?: string): Promise<WishDetail | WishManageDetail> {
    return this.lifecycle.act(user, p.id, p.action, dto, key);
  }
}
