import { Body, Controller, Get, Headers, Param, Patch, Post, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiProduces, ApiTags } from '@nestjs/swagger';
import { AuthUser, CurrentUser, Public, Roles } from '../../common/decorators/auth.decorators';
import { IdParam } from '../../common/params';
import { SceneParam } from '../places/places.dto';
import {
  BoardQuery, CategoryDto, CreateTicketDto, ListQuery, Open311KeyDto, QueueQuery, ReassignDto, TicketActionDto, TicketActionParam, UpdateCategoryDto, WorkerQuery,
} from './service-requests.dto';
import { ServiceRequestsService } from './service-requests.service';
import { SubmitRateLimit } from '../../common/rate-limits';

@ApiTags('service (码上办)')
@Controller('service')
export class ServiceRequestsController {
  constructor(private readonly service: ServiceRequestsService) {}

  @Public()
  @Get('categories')
  categories() {
    return this.service.categories();
  }

  @ApiBearerAuth()
  @Roles('admin')
  @Get('categories/all')
  allCategories() {
    return this.service.categories(true);
  }

  @ApiBearerAuth()
  @Roles('admin')
  @Post('categories')
  createCategory(@CurrentUser() user: AuthUser, @Body() dto: CategoryDto) {
    return this.service.createCategory(user, dto);
  }

  @ApiBearerAuth()
  @Roles('admin')
  @Patch('categories/:id')
  updateCategory(@CurrentUser() user: AuthUser, @Param() p: IdParam, @Body() dto: UpdateCategoryDto) {
    return this.service.updateCategory(user, p.id, dto);
  }

  @ApiBearerAuth()
  @Get('points/:scene/open-tickets')
  openAtPoint(@CurrentUser() user: AuthUser, @Param() p: SceneParam) {
    return this.service.openAtPoint(p.scene, user);
  }

  @Public()
  @Get('board')
  board(@Query() q: BoardQuery) {
    return this.service.board(q);
  }

  @ApiBearerAuth()
  @SubmitRateLimit()
  @Post('tickets')
  submit(@CurrentUser() user: AuthUser, @Body() dto: CreateTicketDto, @Headers('idempotency-key') key?: string) {
    return this.service.submit(user, dto, key);
  }

  @ApiBearerAuth()
  @Get('tickets/mine')
  mine(@CurrentUser() user: AuthUser, @Query() q: ListQuery) {
    return this.service.mine(user, q);
  }

  @ApiBearerAuth()
  @Roles('grid_worker')
  @Get('tickets/worker')
  worker(@CurrentUser() user: AuthUser, @Query() q: WorkerQuery) {
    return this.service.workerList(user, q.tab);
  }

  @ApiBearerAuth()
  @Roles('staff', 'admin')
  @Get('tickets/queue')
  queue(@CurrentUser() user: AuthUser, @Query() q: QueueQuery) {
    return this.service.queue(user, q);
  }

  @ApiBearerAuth()
  @Roles('staff', 'admin')
  @ApiProduces('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
  @Get('tickets/export.xlsx')
  async export(@CurrentUser() user: AuthUser, @Query() q: QueueQuery, @Res() reply: any) {
    const buf = await this.service.exportXlsx(user, q);
    reply
      .header('content-type', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
      .header('content-disposition', `attachment; filename="tickets.xlsx"; filename*=UTF-8''${encodeURIComponent('码上办工单.xlsx')}`)
      .send(buf);
  }

  @ApiBearerAuth()
  @Roles('staff', 'admin')
  @Get('workers')
  workers(@CurrentUser() user: AuthUser) {
    return this.service.workers(user);
  }

  @ApiBearerAuth()
  @Get('tickets/:id')
  detail(@CurrentUser() user: AuthUser, @Param() p: IdParam) {
    return this.service.detail(user, p.id);
  }

  @ApiBearerAuth()
  @Post('tickets/:id/follow')
  follow(@CurrentUser() user: AuthUser, @Param() p: IdParam) {
    return this.service.follow(user, p.id);
  }

  @ApiBearerAuth()
  @Post('tickets/:id/reveal-phone')
  reveal(@CurrentUser() user: AuthUser, @Param() p: IdParam) {
    return this.service.revealPhone(user, p.id);
  }

  @ApiBearerAuth()
  @Roles('staff', 'admin')
  @Post('tickets/:id/reassign')
  reassign(@CurrentUser() user: AuthUser, @Param() p: IdParam, @Body() dto: ReassignDto) {
    return this.service.reassign(user, p.id, dto.workerId, dto.note);
  }

  @ApiBearerAuth()
  @Post('tickets/:id/actions/:action')
  act(@CurrentUser() user: AuthUser, @Param() p: TicketActionParam, @Body() dto: TicketActionDto) {
    return this.service.act(user, p.id, p.action, dto);
  }

  @ApiBearerAuth()
  @Roles('admin')
  @Post('open311-keys')
  issueKey(@CurrentUser() user: AuthUser, @Body() dto: Open311KeyDto) {
    return this.service.issueOpen311Key(user, dto.name);
  }
}
