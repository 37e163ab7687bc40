import { shanghaiDate, shanghaiDay, shanghaiDayEnd, shanghaiDayStart, TICKET_STATUS_LABELS } from '@linli/domain';
import { DataSource } from 'typeorm';
import { Community } from '../../src/modules/places/place.entities';
import { ServiceCategory, Ticket } from '../../src/modules/service-requests/service-request.entities';
import { ROLLUP_COUNTERS, rollupSelectSql } from '../../src/modules/service-requests/ticket-rollups';
import { client } from './http';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

/**
 * The public board as it was computed before the rollups: every ticket of the period read and counted in memory.
 * Kept verbatim as the oracle the rollup-backed board must agree with, on whole Shanghai days.
 */
export async function boardFromEveryTicket(ds: DataSource, q: { from: string; to: string; communityId?: number; categoryId?: number }) {
  const from = shanghaiDayStart(q.from);
  const to = shanghaiDayEnd(q.to);
  const qb = ds.getRepository(Ticket).createQueryBuilder('t').where('t.createdAt >= :from AND t.createdAt <= :to', { from, to });
  if (q.communityId) qb.andWhere('t.communityId = :c', { c: q.communityId });
  if (q.categoryId) qb.andWhere('t.categoryId = :cat', { cat: q.categoryId });
  const rows = await qb
    .select(['t.id', 't.status', 't.categoryId', 't.communityId', 't.createdAt', 't.firstDispatchedAt', 't.firstSignedAt', 't.resolvedAt', 't.closedAt', 't.reopenCount', 't.rating'])
    .getMany();
  const cats = new Map((await ds.getRepository(ServiceCategory).find({ order: { id: 'ASC' } })).map((c) => [c.id, c]));
  const communities = await ds.getRepository(Community).find({ order: { id: 'ASC' } });
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

const rowKey = (r: any) => [r.day, Number(r.communityId), Number(r.categoryId), r.status, r.resolvedDay, ...ROLLUP_COUNTERS.map((c) => Number(r[c]))];
const byKey = (a: unknown[], b: unknown[]) => (String(a.slice(0, 5).join('\t')) < String(b.slice(0, 5).join('\t')) ? -1 : 1);

/** The rollup rows as kept, and as one GROUP BY over the tickets (the migration's backfill). */
export async function rollupsKeptAndCounted(ds: DataSource) {
  const kept = (await ds.query('SELECT * FROM ticket_rollups')).map(rowKey).filter((r: unknown[]) => r.slice(5).some((v) => v !== 0)).sort(byKey);
  const counted = (await ds.query(rollupSelectSql(ds.options.type === 'better-sqlite3'))).map(rowKey).sort(byKey);
  return { kept, counted };
}

/**
 * The board over HTTP for the whole span of the tickets (at most a year back from the newest), each community and
 * each category alone, and the newest week — each compared with the old in-memory computation on the same data.
 */
export async function boardVersusOracle(url: string, ds: DataSource) {
  const [span] = await ds.query('SELECT MIN(createdAt) AS lo, MAX(createdAt) AS hi FROM tickets');
  const hi = new Date(span.hi);
  const lo = new Date(Math.max(new Date(span.lo).getTime(), hi.getTime() - 360 * DAY));
  const to = shanghaiDate(hi);
  const from = shanghaiDate(lo);
  const week = shanghaiDate(new Date(hi.getTime() - 6 * DAY));
  const queries: Array<{ from: string; to: string; communityId?: number; categoryId?: number }> = [{ from, to }, { from: week, to }];
  for (const c of await ds.getRepository(Community).find()) queries.push({ from, to, communityId: c.id });
  for (const c of await ds.getRepository(ServiceCategory).find()) queries.push({ from, to, categoryId: c.id });
  const out: Array<{ q: (typeof queries)[number]; served: unknown; oracle: unknown }> = [];
  for (const q of queries) {
    const qs = new URLSearchParams(Object.entries(q).map(([k, v]) => [k, String(v)])).toString();
    const res = await client(url).get(`/api/service/board?${qs}`);
    out.push({ q, served: res.status === 200 ? res.body : res, oracle: await boardFromEveryTicket(ds, q) });
  }
  return out;
}
