import { Body, Controller, Get, Headers, Param, Patch, Post, Query, StreamableFile } from '@nestjs/common';
import { ApiBearerAuth, ApiProduces, ApiTags } from '@nestjs/swagger';
import { AuthUser, CurrentUser, Public, Roles } from '../../common/decorators/auth.decorators';
import { IdParam } from '../../common/params';
import { SceneParam } from '../places/places.dto';
import {
  BoardQuery, CategoryDto, CreateTicketDto, ExportQuery, ListQuery, Open311KeyDto, QueueQuery, TicketActionDto, TicketActionParam, UpdateCategoryDto, WorkerPickQuery, WorkerQuery,
} from './service-requests.dto';
import { TicketBoard } from './service-requests.board';
import { TicketCatalogue } from './service-requests.catalogue';
import { TicketExports } from './service-requests.exports';
import { TicketQueries } from './service-requests.queries';
import { ServiceRequestsService } from './service-requests.service';
import { SubmitRateLimit } from '../../common/rate-limits';

@ApiTags('service (码上办)')
@Controller('service')
export class ServiceRequestsController {
  constructor(
    private readonly service: ServiceRequestsService,
    private readonly catalogue: TicketCatalogue,
    private readonly queries: TicketQueries,
    private readonly board_: TicketBoard,
    private readonly exports: TicketExports,
  ) {}

  @Public()
  @Get('categories')
  categories() {
    return this.catalogue.categories();
  }

  @ApiBearerAuth()
  @Roles('admin')
  @Get('categories/all')
  allCategories() {
    return this.catalogue.categories(true);
  }

  @ApiBearerAuth()
  @Roles('admin')
  @Get('categories/:id')
  category(@Param() p: IdParam) {
    return this.catalogue.category(p.id);
  }

  @ApiBearerAuth()
  @Roles('admin')
  @Post('categories')
  createCategory(@CurrentUser() user: AuthUser, @Body() dto: CategoryDto) {
    return this.catalogue.createCategory(user, dto);
  }

  @ApiBearerAuth()
  @Roles('admin')
  @Patch('categories/:id')
  updateCategory(@CurrentUser() user: AuthUser, @Param() p: IdParam, @Body() dto: UpdateCategoryDto) {
    return this.catalogue.updateCategory(user, p.id, dto);
  }

  @ApiBearerAuth()
  @Get('points/:scene/open-tickets')
  openAtPoint(@CurrentUser() user: AuthUser, @Param() p: SceneParam) {
    return this.queries.openAtPoint(p.scene, user);
  }

  @Public()
  @Get('board')
  board(@Query() q: BoardQuery) {
    return this.board_.board(q);
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
    return this.queries.mine(user, q);
  }

  @ApiBearerAuth()
  @Roles('grid_worker')
  @Get('tickets/worker')
  worker(@CurrentUser() user: AuthUser, @Query() q: WorkerQuery) {
    return this.queries.workerList(user, q.tab);
  }

  @ApiBearerAuth()
  @Roles('staff', 'admin')
  @Get('tickets/queue')
  queue(@CurrentUser() user: AuthUser, @Query() q: QueueQuery) {
    return this.queries.queue(user, q);
  }

  @ApiBearerAuth()
  @Roles('staff', 'admin')
  @ApiProduces('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
  @Get('tickets/export.xlsx')
  exportXlsx(@CurrentUser() user: AuthUser, @Query() q: ExportQuery): Promise<StreamableFile> {
    return this.exports.exportXlsx(user, q);
  }

  @ApiBearerAuth()
  @Roles('staff', 'admin')
  @Get('workers')
  workers(@CurrentUser() user: AuthUser, @Query() q: WorkerPickQuery) {
    return this.queries.workers(user, q);
  }

  @ApiBearerAuth()
  @Get('tickets/:id')
  detail(@CurrentUser() user: AuthUser, @Param() p: IdParam) {
    return this.queries.detail(user, p.id);
  }

  @ApiBearerAuth()
  @Post('tickets/:id/follow')
  follow(@CurrentUser() user: AuthUser, @Param() p: IdParam) {
    return this.service.follow(user, p.id);
  }

  @ApiBearerAuth()
  @Post('tickets/:id/reveal-phone')
  reveal(@CurrentUser() user: AuthUser, @Param() p: IdParam) {
    return this.queries.revealPhone(user, p.id);
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
    return this.catalogue.issueOpen311Key(user, dto.name);
  }

  @ApiBearerAuth()
  @Roles('admin')
  @Get('open311-keys')
  keys() {
    return this.catalogue.open311Keys();
  }

  @ApiBearerAuth()
  @Roles('admin')
  @Post('open311-keys/:id/revoke')
  revokeKey(@CurrentUser() user: AuthUser, @Param() p: IdParam) {
    return this.catalogue.revokeOpen311Key(user, p.id);
  }
}
