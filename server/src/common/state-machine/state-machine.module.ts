import { Module } from '@nestjs/common';
import { AuditModule } from '../../modules/audit/audit.module';
import { NotificationsModule } from '../../modules/notifications/notifications.module';
import { Lifecycle } from './lifecycle';

/** The lifecycle layer: every flow module imports it to change a status. */
@Module({ imports: [AuditModule, NotificationsModule], providers: [Lifecycle], exports: [Lifecycle] })
export class StateMachineModule {}
