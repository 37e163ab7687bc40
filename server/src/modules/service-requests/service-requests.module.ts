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
import './service-requests.errors';

@Module({
  imports: [StateMachineModule],
  controllers: [ServiceRequestsController, Open311Controller],
  providers: [TicketCatalogue, TicketLifecycle, TicketQueries, TicketBoard, TicketExports, TicketJobs, ServiceRequestsService, Open311Service],
  exports: [ServiceRequestsService],
})
export class ServiceRequestsModule {}
