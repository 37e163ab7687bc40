import { Module } from '@nestjs/common';
import { Open311Controller } from './open311.controller';
import { Open311Service } from './open311.service';
import { ServiceRequestsController } from './service-requests.controller';
import { TicketBoard } from './service-requests.board';
import { TicketCatalogue } from './service-requests.catalogue';
import { TicketExports } from './service-requests.exports';
import { TicketJobs } from './service-requests.jobs';
import { TicketLifecycle } from './service-requests.lifecycle';
import { TicketQueries } from './service-requests.queries';
import { ServiceRequestsService } from './service-requests.service';
import { StateMachineModule } from '../../common/state-machine';
import { AuditModule } from '../audit/audit.module';
import { IdempotencyModule } from '../idempotency/idempotency.module';
import { JobsModule } from '../jobs/jobs.module';
import { NotificationsModule } from '../notifications/notifications.module';
import { PlacesModule } from '../places/places.module';
import { UploadsModule } from '../uploads/uploads.module';
import { UsersModule } from '../users/users.module';
import { WechatModule } from '../wechat/wechat.module';
import { ModerationModule } from '../moderation/moderation.module';

@Module({
  imports: [StateMachineModule, PlacesModule, UsersModule, UploadsModule, NotificationsModule, AuditModule, JobsModule, IdempotencyModule, WechatModule, ModerationModule],
  controllers: [ServiceRequestsController, Open311Controller],
  providers: [TicketCatalogue, TicketLifecycle, TicketQueries, TicketBoard, TicketExports, TicketJobs, ServiceRequestsService, Open311Service],
  exports: [ServiceRequestsService],
})
export class ServiceRequestsModule {}
