import { Injectable, OnModuleInit } from '@nestjs/common';
import { JobsService } from '../jobs/jobs.service';
import { HoldsService } from './holds.service';

export const RECHECK_JOB = 'moderation.recheck';

/** Held text whose check failed because WeChat was unreachable is asked about again, under the job's lease. */
@Injectable()
export class ModerationJobs implements OnModuleInit {
  constructor(
    private readonly jobs: JobsService,
    private readonly holds: HoldsService,
  ) {}

  onModuleInit() {
    this.jobs.register({ name: RECHECK_JOB, everyMs: 60_000, run: (now) => this.holds.recheckDue(now) });
  }
}
