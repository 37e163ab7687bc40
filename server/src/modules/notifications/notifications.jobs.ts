import { Injectable, OnModuleInit } from '@nestjs/common';
import { JobsService } from '../jobs/jobs.service';
import { NotificationsService } from './notifications.service';

export const PUSH_JOB = 'notifications.push';

/** The push outbox: subscribe messages left pending (a retry after a transient error, a process that died mid-send). */
@Injectable()
export class NotificationJobs implements OnModuleInit {
  constructor(
    private readonly jobs: JobsService,
    private readonly notifications: NotificationsService,
  ) {}

  onModuleInit() {
    this.jobs.register({ name: PUSH_JOB, everyMs: 30_000, run: () => this.notifications.flush() });
  }
}
