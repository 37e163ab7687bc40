import { Module } from '@nestjs/common';
import { StateMachineModule } from '../../common/state-machine';
import { AuditModule } from '../audit/audit.module';
import { IdempotencyModule } from '../idempotency/idempotency.module';
import { JobsModule } from '../jobs/jobs.module';
import { LedgerModule } from '../ledger/ledger.module';
import { NotificationsModule } from '../notifications/notifications.module';
import { PlacesModule } from '../places/places.module';
import { UploadsModule } from '../uploads/uploads.module';
import { UsersModule } from '../users/users.module';
import { EventActionsController, EventsController } from './events.controller';
import { EventCheckin } from './events.checkin';
import { EventCodes } from './events.codes';
import { EventExports } from './events.exports';
import { SignupGate } from './events.gate';
import { EventJobs } from './events.jobs';
import { EventLifecycle } from './events.lifecycle';
import { EventQueries } from './events.queries';
import { EventRecords } from './events.records';
import { EventScope } from './events.scope';
import { EventSignups } from './events.signups';

@Module({
  imports: [StateMachineModule, PlacesModule, LedgerModule, UsersModule, UploadsModule, NotificationsModule, AuditModule, JobsModule, IdempotencyModule],
  controllers: [EventsController, EventActionsController],
  providers: [EventScope, SignupGate, EventCodes, EventQueries, EventLifecycle, EventRecords, EventSignups, EventCheckin, EventExports, EventJobs],
  exports: [EventQueries, EventLifecycle],
})
export class EventsModule {}
