import { Inject, Injectable, Logger, OnApplicationShutdown, OnApplicationBootstrap } from '@nestjs/common';
import { SchedulerRegistry } from '@nestjs/schedule';
import { hostname } from 'os';
import { DataSource, QueryFailedError } from 'typeorm';
import { Clock } from '../../common/clock';
import { APP_CONFIG } from '../../config/config.module';
import type { AppConfig } from '../../config/app.config';
import { JobLease } from './job-lease.entity';

export interface JobDefinition {
  name: string;
  everyMs: number;
  /** Returns a count of what it did, for logs and tests. */
  run: (now: Date) => Promise<number>;
}

/**
 * Scheduled jobs that run once across all server processes: before each tick a process must take the
 * job's lease with a conditional UPDATE (or the first INSERT). The lease lasts most of the interval,
 * so the other processes skip that tick. Jobs themselves use conditional updates, so an overlap is harmless.
 */
@Injectable()
export class JobsService implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('Jobs');
  private readonly jobs = new Map<string, JobDefinition>();
  readonly holder = `${hostname()}:${process.pid}:${Math.random().toString(36).slice(2, 8)}`;

  constructor(
    @Inject(DataSource) private readonly dataSource: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly clock: Clock,
    private readonly scheduler: SchedulerRegistry,
  ) {}

  register(job: JobDefinition) {
    this.jobs.set(job.name, job);
  }

  names() {
    return [...this.jobs.keys()];
  }

  onApplicationBootstrap() {
    if (!this.config.jobsEnabled) return;
    for (const job of this.jobs.values()) {
      const handle = setInterval(() => void this.tick(job.name), this.every(job));
      handle.unref();
      this.scheduler.addInterval(`job:${job.name}`, handle);
    }
  }

  onApplicationShutdown() {
    for (const name of this.scheduler.getIntervals()) {
      if (name.startsWith('job:')) this.scheduler.deleteInterval(name);
    }
  }

  private every(job: JobDefinition) {
    return this.config.jobsEveryMs ?? job.everyMs;
  }

  /** One scheduled tick: runs only if this process takes the lease. */
  async tick(name: string): Promise<number | null> {
    const job = this.jobs.get(name);
    if (!job) throw new Error(`unknown job ${name}`);
    const now = this.clock.now();
    try {
      if (!(await this.acquire(name, now, Math.max(250, Math.floor(this.every(job) * 0.9))))) return null;
      const done = await job.run(now);
      if (done) this.logger.log(`${name}: ${done}`);
      return done;
    } catch (err) {
      this.logger.warn(`${name} failed: ${(err as Error).message}`);
      return null;
    }
  }

  /** Runs a job now, ignoring the schedule (tests, admin). Still takes the lease so two callers don't overlap. */
  async runNow(name: string): Promise<number | null> {
    const job = this.jobs.get(name);
    if (!job) throw new Error(`unknown job ${name}`);
    const now = this.clock.now();
    if (!(await this.acquire(name, now, 60_000, true))) return null;
    try {
      return await job.run(now);
    } finally {
      await this.dataSource.getRepository(JobLease).update({ name, holder: this.holder }, { leaseUntil: new Date(0) });
    }
  }

  private async acquire(name: string, now: Date, ttlMs: number, ignoreOwnLease = false): Promise<boolean> {
    const repo = this.dataSource.getRepository(JobLease);
    const until = new Date(now.getTime() + ttlMs);
    const qb = repo
      .createQueryBuilder()
      .update(JobLease)
      .set({ holder: this.holder, leaseUntil: until, lastRunAt: now, runs: () => 'runs + 1' })
      .where('name = :name', { name });
    const taken = await (ignoreOwnLease
      ? qb.andWhere('(leaseUntil < :now OR holder = :holder)', { now, holder: this.holder })
      : qb.andWhere('leaseUntil < :now', { now })
    ).execute();
    if (taken.affected) return true;
    try {
      await repo.insert({ name, holder: this.holder, leaseUntil: until, lastRunAt: now, runs: 1 });
      return true;
    } catch (err) {
      if (err instanceof QueryFailedError) return false;
      throw err;
    }
  }
}
