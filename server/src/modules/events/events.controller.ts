import { Body, Controller, Get, Headers, HttpCode, Param, Patch, Post, Query, Req, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiProduces, ApiTags } from '@nestjs/swagger';
import { AuthUser, CurrentUser, Public, Roles } from '../../common/decorators/auth.decorators';
import { IdParam } from '../../common/params';
import {
  AttendeesQuery,
  CancelActivityDto,
  CodeCheckinDto,
  CreateActivityDto,
  CursorQuery,
  FeedQuery,
  ListActivitiesQuery,
  ProxySignupDto,
  SceneCheckinDto,
  SignupDto,
  SignupIdParam,
  UpdateActivityDto,
} from './events.dto';
import { EventsService } from './events.service';
import { QrQuery } from '../places/places.dto';
import { SubmitRateLimit } from '../../common/rate-limits';

const origin = (req: any) => `${req.protocol}://${req.headers.host}`;

@ApiTags('events')
@ApiBearerAuth()
@Controller('events')
export class EventsController {
  constructor(private readonly events: EventsService) {}

  @Public()
  @Get()
  list(@CurrentUser() user: AuthUser | undefined, @Query() q: ListActivitiesQuery) {
    return this.events.list(user, q);
  }

  @Get('mine')
  mine(@CurrentUser() user: AuthUser, @Query() q: CursorQuery) {
    return this.events.mine(user, q);
  }

  @Get('me/code')
  myCode(@CurrentUser() user: AuthUser) {
    return this.events.myCode(user);
  }

  @Get('me/calendar')
  calendarLinks(@CurrentUser() user: AuthUser, @Req() req: any) {
    return this.events.calendarLinks(user, origin(req));
  }

  @Public()
  @ApiProduces('text/calendar')
  @Get('calendar/feed.ics')
  async feed(@Query() q: FeedQuery, @Req() req: any, @Res() reply: any) {
    const ics = await this.events.feedIcs(q.token, origin(req));
    reply.header('content-type', 'text/calendar; charset=utf-8').header('cache-control', 'private, max-age=300').send(ics);
  }

  @HttpCode(200)
  @Post('checkin/scene')
  checkinByScene(@CurrentUser() user: AuthUser, @Body() dto: SceneCheckinDto) {
    return this.events.checkinByScene(user, dto.scene);
  }

  @HttpCode(200)
  @Post('signups/:id/cancel')
  cancel(@CurrentUser() user: AuthUser, @Param() p: SignupIdParam) {
    return this.events.cancelSignup(user, p.id, 'cancel');
  }

  @HttpCode(200)
  @Post('signups/:id/decline')
  decline(@CurrentUser() user: AuthUser, @Param() p: SignupIdParam) {
    return this.events.cancelSignup(user, p.id, 'decline');
  }

  @HttpCode(200)
  @Post('signups/:id/checkout')
  checkoutSelf(@CurrentUser() user: AuthUser, @Param() p: SignupIdParam) {
    return this.events.checkoutSelf(user, p.id);
  }

  @Roles('staff', 'admin')
  @Post()
  create(@CurrentUser() user: AuthUser, @Body() dto: CreateActivityDto) {
    return this.events.create(user, dto);
  }

  @Public()
  @Get(':id')
  detail(@CurrentUser() user: AuthUser | undefined, @Param() p: IdParam) {
    return this.events.detail(user, p.id);
  }

  @Public()
  @ApiProduces('text/calendar')
  @Get(':id/calendar.ics')
  async ics(@CurrentUser() user: AuthUser | undefined, @Param() p: IdParam, @Req() req: any, @Res() reply: any) {
    const ics = await this.events.activityIcs(user, p.id, origin(req));
    reply
      .header('content-type', 'text/calendar; charset=utf-8')
      .header('content-disposition', `attachment; filename="activity-${p.id}.ics"`)
      .send(ics);
  }

  @Roles('staff', 'admin')
  @Patch(':id')
  update(@CurrentUser() user: AuthUser, @Param() p: IdParam, @Body() dto: UpdateActivityDto) {
    return this.events.update(user, p.id, dto);
  }

  @Roles('staff', 'admin')
  @HttpCode(200)
  @Post(':id/publish')
  publish(@CurrentUser() user: AuthUser, @Param() p: IdParam) {
    return this.events.transition(user, p.id, 'publish');
  }

  @Roles('staff', 'admin')
  @HttpCode(200)
  @Post(':id/cancel')
  cancelActivity(@CurrentUser() user: AuthUser, @Param() p: IdParam, @Body() dto: CancelActivityDto) {
    return this.events.transition(user, p.id, 'cancel', dto.reason);
  }

  @SubmitRateLimit()
  @Post(':id/signups')
  signup(@CurrentUser() user: AuthUser, @Param() p: IdParam, @Body() dto: SignupDto, @Headers('idempotency-key') key?: string) {
    return this.events.signup(user, p.id, dto.answers, key);
  }

  @Roles('grid_worker', 'staff', 'admin')
  @Post(':id/proxy-signups')
  proxySignup(@CurrentUser() user: AuthUser, @Param() p: IdParam, @Body() dto: ProxySignupDto, @Headers('idempotency-key') key?: string) {
    return this.events.proxySignup(user, p.id, dto, key);
  }

  @Roles('staff', 'admin')
  @HttpCode(200)
  @Post(':id/checkin/code')
  checkinByCode(@CurrentUser() user: AuthUser, @Param() p: IdParam, @Body() dto: CodeCheckinDto) {
    return this.events.checkinByCode(user, p.id, dto.code);
  }

  @Roles('staff', 'admin')
  @HttpCode(200)
  @Post(':id/checkout/code')
  checkoutByCode(@CurrentUser() user: AuthUser, @Param() p: IdParam, @Body() dto: CodeCheckinDto) {
    return this.events.checkoutByCode(user, p.id, dto.code);
  }

  @Roles('staff', 'admin')
  @ApiProduces('image/png')
  @Get(':id/qrcode.png')
  async qrcode(@CurrentUser() user: AuthUser, @Param() p: IdParam, @Query() q: QrQuery, @Req() req: any, @Res() reply: any) {
    const png = await this.events.checkinQrPng(user, p.id, origin(req), q.width);
    reply.header('content-type', 'image/png').header('cache-control', 'private, max-age=300').send(png);
  }

  @Roles('staff', 'admin', 'grid_worker')
  @Get(':id/counts')
  counts(@CurrentUser() user: AuthUser, @Param() p: IdParam) {
    return this.events.counts(user, p.id);
  }

  @Roles('staff', 'admin', 'grid_worker')
  @Get(':id/attendees')
  attendees(@CurrentUser() user: AuthUser, @Param() p: IdParam, @Query() q: AttendeesQuery) {
    return this.events.attendees(user, p.id, q);
  }

  @Roles('staff', 'admin')
  @ApiProduces('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
  @Get(':id/attendees.xlsx')
  async exportXlsx(@CurrentUser() user: AuthUser, @Param() p: IdParam, @Res() reply: any) {
    const { filename, buffer } = await this.events.exportXlsx(user, p.id);
    reply
      .header('content-type', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
      .header('content-disposition', `attachment; filename="${filename}"`)
      .send(buffer);
  }
}
