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
import { WechatModule } from '../wechat/wechat.module';
import { ModerationModule } from '../moderation/moderation.module';
import { WishesController } from './wishes.controller';
import { wishRulesProvider } from './wishes.config';
import { WishJobs } from './wishes.jobs';
import { WishLifecycle } from './wishes.lifecycle';
import { WishQueries } from './wishes.queries';
import { WishRecords } from './wishes.records';
import { WishScope } from './wishes.scope';

@Module({
  imports: [StateMachineModule, PlacesModule, LedgerModule, UsersModule, UploadsModule, NotificationsModule, AuditModule, JobsModule, IdempotencyModule, WechatModule, ModerationModule],
  controllers: [WishesController],
  providers: [wishRulesProvider, WishScope, WishQueries, WishRecords, WishLifecycle, WishJobs],
  exports: [WishQueries, WishLifecycle],
})
export class WishesModule {}
