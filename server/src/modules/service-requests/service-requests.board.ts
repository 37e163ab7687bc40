import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { shanghaiDate, shanghaiDay, shanghaiDayEnd, shanghaiDayStart, TICKET_STATUS_LABELS } from '@linli/domain';
import type { BoardStats, TicketBoardView } from '@linli/domain';
import { Clock } from '../../common/clock';
import { AppError } from '../../common/errors/app-error';
import { Community } from '../places/place.entities';
import { TicketCatalogue } from './service-requests.catalogue';
import { ROLLUP_COUNTERS } from './ticket-rollups';
import type { BoardQuery } from './service-requests.dto';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const [N, DISPATCHED, ON_TIME, HANDLED, SOLVED, RATED, HAPPY, RESOLVED, HANDLING_MS] = ROLLUP_COUNTERS.map((_, i) => i);

/** The rollups of one (community, category, status) over the period, summed. */
type Group = { communityId: number; categoryId: number; status: string; sum: number[] };

function stats(groups: Group[]): BoardStats {
  const t = ROLLUP_COUNTERS.map((_, i) => groups.reduce((a, g) => a + g.sum[i], 0));
  const byStatus: Record<string, number> = {};
  for (const g of groups) byStatus[g.status] = (byStatus[g.status] ?? 0) + g.sum[N];
  const rate = (a: number, b: number) => (b ? Math.round((a / b) * 1000) / 10 : null);
  return {
    total: t[N],
    byStatus,
    responseRate: rate(t[ON_TIME], t[DISPATCHED]),
    resolutionRate: rate(t[SOLVED], t[HANDLED]),
    satisfactionRate: rate(t[HAPPY], t[RATED]),
    avgHandlingHours: t[RESOLVED] ? Math.round((t[HANDLING_MS] / t[RESOLVED] / HOUR) * 10) / 10 : null,
    samples: { dispatched: t[DISPATCHED], handled: t[HANDLED], rated: t[RATED] },
  };
}

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
   * The figures are sums of `ticket_rollups` (see ticket-rollups.ts), whole Shanghai days of filing: a few rows per
   * day, community and category, however many tickets the period had.
   */
  async board(q: BoardQuery): Promise<TicketBoardView> {
    const now = this.clock.now();
    const to = q.to ? shanghaiDayEnd(q.to) : now;
    // The default period is the last 30 days and today, from the start of the first day (the rollups are per day).
    const from = q.from ? shanghaiDayStart(q.from) : shanghaiDayStart(shanghaiDate(new Date(to.getTime() - 30 * DAY)));
    if (from > to) throw AppError.field('from', '开始日期不能晚于结束日期');
    if (to.getTime() - from.getTime() > 366 * DAY) throw AppError.field('from', '统计区间最长一年');
    const fromDay = shanghaiDay(from);
    const toDay = shanghaiDay(to);
    let where = 'r.day >= ? AND r.day <= ?';
    const args: unknown[] = [fromDay, toDay];
    if (q.communityId) {
      where += ' AND r.communityId = ?';
      args.push(q.communityId);
    }
    if (q.categoryId) {
      where += ' AND r.categoryId = ?';
      args.push(q.categoryId);
    }
    const sums = ROLLUP_COUNTERS.map((c) => `SUM(r.${c}) AS ${c}`).join(', ');
    const [groupRows, filedRows, resolvedRows, cats, communities] = await Promise.all([
      this.ds.query(`SELECT r.communityId AS communityId, r.categoryId AS categoryId, r.status AS status, ${sums} FROM ticket_rollups r WHERE ${where} GROUP BY r.communityId, r.categoryId, r.status`, args),
      this.ds.query(`SELECT r.day AS day, SUM(r.n) AS n FROM ticket_rollups r WHERE ${where} GROUP BY r.day`, args),
      this.ds.query(`SELECT r.resolvedDay AS day, SUM(r.n) AS n FROM ticket_rollups r WHERE ${where} AND r.resolvedDay >= ? AND r.resolvedDay <= ? GROUP BY r.resolvedDay`, [...args, fromDay, toDay]),
      this.catalogue.categoryMap(),
      this.ds.getRepository(Community).find({ order: { id: 'ASC' } }),
    ]);
    const groups: Group[] = (groupRows as any[])
      .map((r) => ({ communityId: Number(r.communityId), categoryId: Number(r.categoryId), status: r.status as string, sum: ROLLUP_COUNTERS.map((c) => Number(r[c] ?? 0)) }))
      .filter((g) => g.sum[N] > 0);
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
    for (const r of filedRows as any[]) {
      const d = dayIndex.get(String(r.day));
      if (d) d.filed += Number(r.n);
    }
    for (const r of resolvedRows as any[]) {
      const d = dayIndex.get(String(r.day));
      if (d) d.resolved += Number(r.n);
    }
    return {
      period: { from: from.toISOString(), to: to.toISOString() },
      filter: { communityId: q.communityId ?? null, categoryId: q.categoryId ?? null },
      statusLabels: TICKET_STATUS_LABELS,
      overall: stats(groups),
      byCommunity: communities.map((c) => ({ id: c.id, name: c.name, ...stats(groups.filter((g) => g.communityId === c.id)) })).filter((c) => c.total || !q.communityId),
      byCategory: [...cats.values()]
        .filter((c) => c.active || groups.some((g) => g.categoryId === c.id))
        .map((c) => ({ id: c.id, name: c.name, icon: c.icon, ...stats(groups.filter((g) => g.categoryId === c.id)) })),
      trend: days,
      communities: communities.map((c) => ({ id: c.id, name: c.name })),
      categories: [...cats.values()].map((c) => ({ id: c.id, name: c.name })),
    };
  }
}
