import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { shanghaiDay, shanghaiDayEnd, shanghaiDayStart, TICKET_STATUS_LABELS } from '@linli/domain';
import type { TicketBoardView } from '@linli/domain';
import { Clock } from '../../common/clock';
import { AppError } from '../../common/errors/app-error';
import { Community } from '../places/place.entities';
import { TicketCatalogue } from './service-requests.catalogue';
import { Ticket } from './service-request.entities';
import type { BoardQuery } from './service-requests.dto';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

/** The public 三率 board: counts only, never a name or a phone. */
@Injectable()
export class TicketBoard {
  constructor(
    @Inject(DataSource) private readonly ds: DataSource,
    private readonly catalogue: TicketCatalogue,
    private readonly clock: Clock,
  ) {}


  /**
   * Public supervision board. 响应率: share of dispatched tickets signed within the category's SLA hours of their first
   * dispatch. 解决率: share of handled tickets (办结 at least once) that are closed without ever being reopened.
   * 满意率: share of rated tickets rated ≥ 4. Handling time: filing → 办结. Counts only, never a name or a phone.
   */
  async board(q: BoardQuery): Promise<TicketBoardView> {
        const now = this.clock.now();
    const to = q.to ? shanghaiDayEnd(q.to) : now;
    const from = q.from ? shanghaiDayStart(q.from) : new Date(to.getTime() - 30 * DAY);
    if (from > to) throw AppError.field('from', '开始日期不能晚于结束日期');
    if (to.getTime() - from.getTime() > 366 * DAY) throw AppError.field('from', '统计区间最长一年');
    const qb = this.ds.getRepository(Ticket).createQueryBuilder('t').where('t.createdAt >= :from AND t.createdAt <= :to', { from, to });
    if (q.communityId) qb.andWhere('t.communityId = :c', { c: q.communityId });
    if (q.categoryId) qb.andWhere('t.categoryId = :cat', { cat: q.categoryId });
    const rows = await qb
      .select(['t.id', 't.status', 't.categoryId', 't.communityId', 't.createdAt', 't.firstDispatchedAt', 't.firstSignedAt', 't.resolvedAt', 't.closedAt', 't.reopenCount', 't.rating'])
      .getMany();
    const cats = await this.catalogue.categoryMap();
    const communities = await this.ds.getRepository(Community).find({ order: { id: 'ASC' } });
    const stats = (list: Ticket[]) => {
      const byStatus: Record<string, number> = {};
      for (const t of list) byStatus[t.status] = (byStatus[t.status] ?? 0) + 1;
      const dispatched = list.filter((t) => t.firstDispatchedAt);
      const onTime = dispatched.filter((t) => t.firstSignedAt && t.firstSignedAt.getTime() - t.firstDispatchedAt!.getTime() <= (cats.get(t.categoryId)?.slaHours ?? 24) * HOUR);
      const handled = list.filter((t) => t.resolvedAt || ['closed', 'rated', 'reopened'].includes(t.status) || t.reopenCount > 0);
      const solved = handled.filter((t) => ['closed', 'rated'].includes(t.status) && t.reopenCount === 0);
      const rated = list.filter((t) => t.rating);
      const happy = rated.filter((t) => (t.rating ?? 0) >= 4);
      const times = list.filter((t) => t.resolvedAt).map((t) => (t.resolvedAt!.getTime() - t.createdAt.getTime()) / HOUR);
      const rate = (a: number, b: number) => (b ? Math.round((a / b) * 1000) / 10 : null);
      return {
        total: list.length,
        byStatus,
        responseRate: rate(onTime.length, dispatched.length),
        resolutionRate: rate(solved.length, handled.length),
        satisfactionRate: rate(happy.length, rated.length),
        avgHandlingHours: times.length ? Math.round((times.reduce((a, b) => a + b, 0) / times.length) * 10) / 10 : null,
        samples: { dispatched: dispatched.length, handled: handled.length, rated: rated.length },
      };
    };
    const days: Array<{ day: string; filed: number; resolved: number }> = [];
    const dayIndex = new Map<string, { day: string; filed: number; resolved: number }>();
    for (let d = new Date(from.getTime()); d <= to && days.length < 370; d = new Date(d.getTime() + DAY)) {
      const key = shanghaiDay(d);
      if (!dayIndex.has(key)) {
        const row = { day: `${key.slice(0, 4)}-${key.slice(4, 6)}-${key.slice(6)}`, filed: 0, resolved: 0 };
        days.push(row);
        dayIndex.set(key, row);
      }
    }
    for (const t of rows) {
      const f = dayIndex.get(shanghaiDay(t.createdAt));
      if (f) f.filed++;
      if (t.resolvedAt) {
        const r = dayIndex.get(shanghaiDay(t.resolvedAt));
        if (r) r.resolved++;
      }
    }
    return {
      period: { from: from.toISOString(), to: to.toISOString() },
      filter: { communityId: q.communityId ?? null, categoryId: q.categoryId ?? null },
      statusLabels: TICKET_STATUS_LABELS,
      overall: stats(rows),
      byCommunity: communities.map((c) => ({ id: c.id, name: c.name, ...stats(rows.filter((t) => t.communityId === c.id)) })).filter((c) => c.total || !q.communityId),
      byCategory: [...cats.values()].filter((c) => c.active || rows.some((t) => t.categoryId === c.id)).map((c) => ({ id: c.id, name: c.name, icon: c.icon, ...stats(rows.filter((t) => t.categoryId === c.id)) })),
      trend: days,
      communities: communities.map((c) => ({ id: c.id, name: c.name })),
      categories: [...cats.values()].map((c) => ({ id: c.id, name: c.name })),
    };
  }
}
