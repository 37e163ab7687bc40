import { Module } from '@nestjs/common';
import { JobsModule } from '../jobs/jobs.module';
import { WechatModule } from '../wechat/wechat.module';
import { NotificationsController } from './notifications.controller';
import { NotificationJobs } from './notifications.jobs';
import { NotificationsService } from './notifications.service';

@Module({ imports: [WechatModule, JobsModule], controllers: [NotificationsController], providers: [NotificationsService, NotificationJobs], exports: [NotificationsService] })
export class NotificationsModule {}
