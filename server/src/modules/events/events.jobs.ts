import { Inject, Injectable, OnModuleInit } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { activityTimeText, link, SIGNUP_INITIAL_STATUS, TIMED_ACTIVITY_TYPES } from '@linli/domain';
import type { ActivityStatus } from '@linli/domain';
import { TransactionService } from '../../database/transaction.service';
import { JobsService } from '../jobs/jobs.service';
import { NotificationsService } from '../notifications/notifications.service';
import { Activity, ActivitySignup } from './activity.entities';
import { EventLifecycle } from './events.lifecycle';

const HOUR = 3_600_000;
const PUBLISHED: ActivityStatus = 'published';
const CONFIRMED = SIGNUP_INITIAL_STATUS.seated;

/** Scheduled work of 活动报名, each tick leased by JobsService so it runs once across processes. */
@Injectable()
export class EventJobs implements OnModuleInit {
  constructor(
    @Inject(DataSource) private readonly ds: DataSource,
    private readonly tx: TransactionService,
    private readonly jobs: JobsService,
    private readonly notifications: NotificationsService,
    private readonly lifecycle: EventLifecycle,
  ) {}

  onModuleInit() {
    this.jobs.register({ name: 'events.reminders', everyMs: 60_000, run: (now) => this.sendReminders(now) });
    this.jobs.register({ name: 'events.no-shows', everyMs: 5 * 60_000, run: (now) => this.markNoShows(now) });
    this.jobs.register({ name: 'events.auto-checkout', everyMs: 5 * 60_000, run: (now) => this.closeOpenCheckouts(now) });
  }

  /**
   * Timed activities (志愿服务) that have ended: whoever checked in and never checked out is closed at the planned
   * end, each a `check_out` move by the system, marked `autoCheckedOut`, with a ledger remark saying so.
   */
  async closeOpenCheckouts(now: Date): Promise<number> {
    const open = await this.ds
      .getRepository(ActivitySignup)
      .createQueryBuilder('s')
      .innerJoin(Activity, 'a', 'a.id = s.activityId')
      .where('s.status = :ci AND a.type IN (:...types) AND a.endAt <= :now', { ci: 'checked_in', types: [...TIMED_ACTIVITY_TYPES], now })
      .orderBy('s.id', 'ASC')
      .take(500)
      .getMany();
    let closed = 0;
    for (const s of open) {
      const a = await this.ds.getRepository(Activity).findOneByOrFail({ id: s.activityId });
      if (await this.tx.run((em) => this.lifecycle.closeOpenCheckout(em, a, s, now))) closed++;
    }
    return closed;
  }

  /** Confirmed people are reminded 24 h and 1 h before the start, once each (the column claims the reminder). */
  async sendReminders(now: Date): Promise<number> {
    let sent = 0;
    const repo = this.ds.getRepository(Activity);
    const soon = await repo
      .createQueryBuilder('a')
      .where('a.status = :p AND a.reminded1At IS NULL AND a.startAt > :now AND a.startAt <= :h1', { p: PUBLISHED, now, h1: new Date(now.getTime() + HOUR) })
      .getMany();
    for (const a of soon) sent += await this.remind(a, now, 'reminded1At', '1 小时后');
    const tomorrow = await repo
      .createQueryBuilder('a')
      .where('a.status = :p AND a.reminded24At IS NULL AND a.startAt > :h1 AND a.startAt <= :h24', { p: PUBLISHED, h1: new Date(now.getTime() + HOUR), h24: new Date(now.getTime() + 24 * HOUR) })
      .getMany();
    for (const a of tomorrow) sent += await this.remind(a, now, 'reminded24At', '明天');
    return sent;
  }

  private async remind(a: Activity, now: Date, column: 'reminded1At' | 'reminded24At', when: string) {
    return this.tx.run(async (em) => {
      const claimed = await em.createQueryBuilder().update(Activity).set({ [column]: now }).where(`id = :id AND ${column} IS NULL`, { id: a.id }).execute();
      if (!claimed.affected) return 0;
      const people = await em.find(ActivitySignup, { where: { activityId: a.id, status: CONFIRMED }, select: { userId: true } });
      await this.notifications.notify(em, people.map((p) => p.userId), {
        kind: 'event.reminder',
        title: `活动提醒：${a.title}`,
        body: `活动将于${when}（${activityTimeText(a.startAt)}）开始，地点：${a.place}。请准时参加。`,
        link: link('eventDetail', { id: a.id }),
        purpose: 'event_reminder',
        templateData: { thing1: a.title, time2: new Date(a.startAt).toISOString(), thing3: a.place },
        dedupeKey: `${column}:${a.id}`,
      });
      return people.length;
    });
  }

  /** After the end, confirmed people who never checked in become 缺席 — each a `mark_no_show` move by the system. */
  async markNoShows(now: Date): Promise<number> {
    const ended = await this.ds
      .getRepository(Activity)
      .createQueryBuilder('a')
      .where('a.status = :p AND a.noShowMarkedAt IS NULL AND a.endAt < :now', { p: PUBLISHED, now })
      .getMany();
    let marked = 0;
    for (const a of ended) {
      marked += await this.tx.run(async (em) => {
        const claimed = await em.createQueryBuilder().update(Activity).set({ noShowMarkedAt: now }).where('id = :id AND noShowMarkedAt IS NULL', { id: a.id }).execute();
        if (!claimed.affected) return 0;
        const absent = await em.find(ActivitySignup, { where: { activityId: a.id, status: CONFIRMED } });
        let n = 0;
        for (const s of absent) if (await this.lifecycle.markNoShow(em, s, now)) n++;
        return n;
      });
    }
    return marked;
  }
}
