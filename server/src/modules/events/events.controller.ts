import { Body, Controller, Get, Header, Headers, HttpCode, Param, Patch, Post, Query, Req, StreamableFile } from '@nestjs/common';
import { ApiBearerAuth, ApiProduces, ApiTags } from '@nestjs/swagger';
import type {
  ActivityCounts,
  ActivityDetail,
  ActivityPage,
  AttendeePage,
  CalendarLinks,
  CheckinResult,
  MyActivitiesPage,
  MyCheckinCode,
  ProxySignupPage,
  ProxySignupView,
  SignupView,
} from '@linli/domain';
import { AuthUser, CurrentUser, Public, Roles } from '../../common/decorators/auth.decorators';
import { IdParam } from '../../common/params';
import { SubmitRateLimit } from '../../common/rate-limits';
import { QrQuery } from '../places/places.dto';
import { SignedUrlAccess, type SignedUrl } from '../../common/signed-urls/signed-urls';
import {
  ActivityActionParam,
  AttendeesQuery,
  CodeCheckinDto,
  CreateActivityDto,
  CursorQuery,
  EventActionDto,
  FeedQuery,
  ListActivitiesQuery,
  ProxySignupDto,
  SceneCheckinDto,
  SignupActionParam,
  SignupDto,
  UpdateActivityDto,
} from './events.dto';
import { EventCheckin } from './events.checkin';
import { EventExports } from './events.exports';
import { EventLifecycle } from './events.lifecycle';
import { EventQueries } from './events.queries';
import { EventRecords } from './events.records';
import { EventSignups } from './events.signups';

const origin = (req: any) => `${req.protocol}://${req.headers.host}`;

@ApiTags('events')
@ApiBearerAuth()
@Controller('events')
export class EventsController {
  constructor(
    private readonly queries: EventQueries,
    private readonly records: EventRecords,
    private readonly signups: EventSignups,
    private readonly checkin: EventCheckin,
    private readonly exports: EventExports,
  ) {}

  @Public()
  @Get()
  list(@CurrentUser() user: AuthUser | undefined, @Query() q: ListActivitiesQuery): Promise<ActivityPage> {
    return this.queries.list(user, q);
  }

  @Get('mine')
  mine(@CurrentUser() user: AuthUser, @Query() q: CursorQuery): Promise<MyActivitiesPage> {
    return this.queries.mine(user, q);
  }

  @Get('me/code')
  myCode(@CurrentUser() user: AuthUser): Promise<MyCheckinCode> {
    return this.exports.myCode(user);
  }

  @Get('me/calendar')
  calendarLinks(@CurrentUser() user: AuthUser, @Req() req: any): CalendarLinks {
    return this.exports.calendarLinks(user, origin(req));
  }

  /** A person's calendar feed; calendar apps send no login, so the signed token in the URL says whose. */
  @Public()
  @ApiProduces('text/calendar')
  @Header('cache-control', 'private, max-age=300')
  @Get('calendar/feed.ics')
  feed(@Query() q: FeedQuery, @Req() req: any): Promise<StreamableFile> {
    return this.exports.feedIcs(q.token, origin(req));
  }

  /** The attendee scans the activity's code at the venue (not a per-record action: the scene finds the sign-up). */
  @HttpCode(200)
  @Post('checkin/scene')
  checkinByScene(@CurrentUser() user: AuthUser, @Body() dto: SceneCheckinDto): Promise<CheckinResult> {
    return this.checkin.byScene(user, dto.scene);
  }

  @Roles('staff', 'admin')
  @Post()
  create(@CurrentUser() user: AuthUser, @Body() dto: CreateActivityDto): Promise<ActivityDetail> {
    return this.records.create(user, dto);
  }

  @Public()
  @Get(':id')
  detail(@CurrentUser() user: AuthUser | undefined, @Param() p: IdParam): Promise<ActivityDetail> {
    return this.queries.detail(user, p.id);
  }

  @Public()
  @ApiProduces('text/calendar')
  @Get(':id/calendar.ics')
  ics(@CurrentUser() user: AuthUser | undefined, @Param() p: IdParam, @Req() req: any): Promise<StreamableFile> {
    return this.exports.activityIcs(user, p.id, origin(req));
  }

  @Roles('staff', 'admin')
  @Patch(':id')
  update(@CurrentUser() user: AuthUser, @Param() p: IdParam, @Body() dto: UpdateActivityDto): Promise<ActivityDetail> {
    return this.records.update(user, p.id, dto);
  }

  @SubmitRateLimit()
  @Post(':id/signups')
  signup(@CurrentUser() user: AuthUser, @Param() p: IdParam, @Body() dto: SignupDto, @Headers('idempotency-key') key?: string): Promise<SignupView> {
    return this.signups.signup(user, p.id, dto.answers, key);
  }

  @Roles('grid_worker', 'staff', 'admin')
  @Post(':id/proxy-signups')
  proxySignup(@CurrentUser() user: AuthUser, @Param() p: IdParam, @Body() dto: ProxySignupDto, @Headers('idempotency-key') key?: string): Promise<ProxySignupView> {
    return this.signups.proxySignup(user, p.id, dto, key);
  }

  @Roles('grid_worker', 'staff', 'admin')
  @Get(':id/proxy-signups')
  proxySignups(@CurrentUser() user: AuthUser, @Param() p: IdParam, @Query() q: CursorQuery): Promise<ProxySignupPage> {
    return this.queries.proxySignups(user, p.id, q);
  }

  /** Staff scan an attendee's personal code (not a per-record action: the code finds the sign-up). */
  @Roles('staff', 'admin')
  @HttpCode(200)
  @Post(':id/checkin/code')
  checkinByCode(@CurrentUser() user: AuthUser, @Param() p: IdParam, @Body() dto: CodeCheckinDto): Promise<CheckinResult> {
    return this.checkin.inByCode(user, p.id, dto.code);
  }

  @Roles('staff', 'admin')
  @HttpCode(200)
  @Post(':id/checkout/code')
  checkoutByCode(@CurrentUser() user: AuthUser, @Param() p: IdParam, @Body() dto: CodeCheckinDto): Promise<CheckinResult> {
    return this.checkin.outByCode(user, p.id, dto.code);
  }

  /** Where the printable check-in code can be loaded without the login header (an <Image>): a signed URL, minutes long. */
  @Roles('staff', 'admin')
  @Get(':id/qrcode-url')
  qrcodeUrl(@CurrentUser() user: AuthUser, @Param() p: IdParam): Promise<SignedUrl> {
    return this.exports.checkinQrUrl(user, p.id);
  }

  /** The printable check-in code, with the login header or by the signed URL from `qrcode-url`. */
  @Roles('staff', 'admin')
  @SignedUrlAccess()
  @ApiProduces('image/png', 'image/jpeg')
  @Header('cache-control', 'private, max-age=300')
  @Get(':id/qrcode.png')
  qrcode(@CurrentUser() user: AuthUser, @Param() p: IdParam, @Query() q: QrQuery, @Req() req: any): Promise<StreamableFile> {
    return this.exports.checkinQrPng(user, p.id, origin(req), q.width);
  }

  @Roles('staff', 'admin', 'grid_worker')
  @Get(':id/counts')
  counts(@CurrentUser() user: AuthUser, @Param() p: IdParam): Promise<ActivityCounts> {
    return this.queries.counts(user, p.id);
  }

  @Roles('staff', 'admin', 'grid_worker')
  @Get(':id/attendees')
  attendees(@CurrentUser() user: AuthUser, @Param() p: IdParam, @Query() q: AttendeesQuery): Promise<AttendeePage> {
    return this.queries.attendees(user, p.id, q);
  }

  @Roles('staff', 'admin')
  @ApiProduces('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
  @Header('cache-control', 'private, no-store')
  @Get(':id/attendees.xlsx')
  exportXlsx(@CurrentUser() user: AuthUser, @Param() p: IdParam): Promise<StreamableFile> {
    return this.exports.exportXlsx(user, p.id);
  }
}

/**
 * The moves of an activity and of a sign-up, one route shape each. Who may make a move comes from the domain tables
 * and the activity's community (no role guard here); each answers with the activity detail as the actor now sees it
 * (`GET /api/events/:id`: its `actions`, `mySignup`), so the page shows it without reloading.
 */
@ApiTags('events')
@ApiBearerAuth()
@Controller()
export class EventActionsController {
  constructor(private readonly lifecycle: EventLifecycle) {}

  @HttpCode(200)
  @Post('activities/:id/actions/:action')
  actOnActivity(@CurrentUser() user: AuthUser, @Param() p: ActivityActionParam, @Body() dto: EventActionDto): Promise<ActivityDetail> {
    return this.lifecycle.actOnActivity(user, p.id, p.action, dto.note);
  }

  @HttpCode(200)
  @Post('signups/:id/actions/:action')
  actOnSignup(@CurrentUser() user: AuthUser, @Param() p: SignupActionParam): Promise<ActivityDetail> {
    return this.lifecycle.actOnSignup(user, p.id, p.action);
  }
}
