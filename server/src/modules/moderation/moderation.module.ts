import { Module } from '@nestjs/common';
import { StateMachineModule } from '../../common/state-machine';
import { AuditModule } from '../audit/audit.module';
import { JobsModule } from '../jobs/jobs.module';
import { PlacesModule } from '../places/places.module';
import { WechatModule } from '../wechat/wechat.module';
import { HoldsService } from './holds.service';
import { ModerationController } from './moderation.controller';
import { ModerationJobs } from './moderation.jobs';

/**
 * Public text is never published unchecked: what WeChat's content check could not pass is held (`HoldsService.hold`,
 * called by the flows that save public text), re-checked by a leased job, and released or refused by staff.
 */
@Module({
  imports: [StateMachineModule, AuditModule, JobsModule, PlacesModule, WechatModule],
  controllers: [ModerationController],
  providers: [HoldsService, ModerationJobs],
  exports: [HoldsService],
})
export class ModerationModule {}
