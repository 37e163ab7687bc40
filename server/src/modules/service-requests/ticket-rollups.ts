import { Column, Entity, EntityManager, PrimaryColumn } from 'typeorm';
import { shanghaiDay } from '@linli/domain';
import type { TicketStatus } from '@linli/domain';
import { beforeCommit } from '../../database/before-commit';

/**
 * The public 三率 board's figures, kept per (Shanghai day of filing × community × category × status × Shanghai day
 * of 办结) in the same transaction as every status change, so the board sums a few rows per day instead of reading
 * every ticket of the period (which is fine for a street and not for a city). Each row counts the tickets with that
 * key and, of them, how many were dispatched, signed in time, handled, solved, rated, rated ≥ 4, and the milliseconds
 * from filing to 办结. A ticket filed outside any community is counted under communityId 0; `resolvedDay` is '' until
 * it is 办结.
 */
@Entity('ticket_rollups')
export class TicketRollup {
  @PrimaryColumn({ type: 'varchar', length: 8 }) day: string;
  @PrimaryColumn({ type: 'int' }) communityId: number;
  @PrimaryColumn({ type: 'int' }) categoryId: number;
  @PrimaryColumn({ type: 'varchar', length: 16 }) status: TicketStatus;
  @PrimaryColumn({ type: 'varchar', length: 8 }) resolvedDay: string;
  @Column({ type: 'int', default: 0 }) n: number;
  @Column({ type: 'int', default: 0 }) dispatched: number;
  @Column({ type: 'int', default: 0 }) onTime: number;
  @Column({ type: 'int', default: 0 }) handled: number;
  @Column({ type: 'int', default: 0 }) solved: number;
  @Column({ type: 'int', default: 0 }) rated: number;
  @Column({ type: 'int', default: 0 }) happy: number;
  @Column({ type: 'int', default: 0 }) resolved: number;
  @Column({ type: 'bigint', default: 0 }) handlingMs: string;
}

/** The counters of a rollup row, in column order. */
export const ROLLUP_COUNTERS = ['n', 'dispatched', 'onTime', 'handled', 'solved', 'rated', 'happy', 'resolved', 'handlingMs'] as const;
type Counters = number[];

/** The ticket columns the board reads (a whole `Ticket` will do). */
export interface RollupTicket {
  status: TicketStatus;
  communityId: number | null;
  categoryId: number;
  createdAt: Date;
  firstDispatchedAt: Date | null;
  respondedInTime: boolean | null;
  resolvedAt: Date | null;
  reopenCount: number;
  rating: number | null;
}

/**
 * What one ticket adds to its rollup row — the board's definitions, written once:
 * 响应率 counts dispatched tickets signed within the category's SLA hours of their first dispatch (`respondedInTime`,
 * decided when first signed); 解决率 counts handled tickets (办结 at least once) closed without ever being reopened;
 * 满意率 counts ratings ≥ 4 among rated tickets; handling time is filing → 办结.
 */
export function rollupOf(t: RollupTicket): { key: string; counters: Counters } {
  const closed = t.status === 'closed' || t.status === 'rated';
  const handled = !!t.resolvedAt || closed || t.status === 'reopened' || t.reopenCount > 0;
  const key = [shanghaiDay(t.createdAt), t.communityId ?? 0, t.categoryId, t.status, t.resolvedAt ? shanghaiDay(t.resolvedAt) : ''].join('\t');
  return {
    key,
    counters: [
      1,
      t.firstDispatchedAt ? 1 : 0,
      t.respondedInTime ? 1 : 0,
      handled ? 1 : 0,
      closed && t.reopenCount === 0 ? 1 : 0,
      t.rating ? 1 : 0,
      (t.rating ?? 0) >= 4 ? 1 : 0,
      t.resolvedAt ? 1 : 0,
      t.resolvedAt ? t.resolvedAt.getTime() - t.createdAt.getTime() : 0,
    ],
  };
}

/**
 * Records one change of a ticket (`before` null for a new one): its old row's counters come off, its new row's go
 * on. Like the status counters, the changes of a transaction are netted and written just before it commits, one
 * upsert per row in key order — a filing that is accepted and dispatched at once writes one row, and two
 * transactions lock shared rows in the same order.
 */
export function moveTicketRollup(em: EntityManager, before: RollupTicket | null, after: RollupTicket): void {
  const delta = beforeCommit(em, 'ticket_rollups', () => new Map<string, Counters>(), (d) => flush(em, d));
  const add = (t: RollupTicket, sign: 1 | -1) => {
    const { key, counters } = rollupOf(t);
    const cur = delta.get(key) ?? ROLLUP_COUNTERS.map(() => 0);
    counters.forEach((v, i) => (cur[i] += sign * v));
    delta.set(key, cur);
  };
  if (before) add(before, -1);
  add(after, 1);
}

async function flush(em: EntityManager, delta: Map<string, Counters>): Promise<void> {
  const sqlite = em.connection.options.type === 'better-sqlite3';
  const cols = ROLLUP_COUNTERS.join(', ');
  const sql = sqlite
    ? `INSERT INTO ticket_rollups (day, communityId, categoryId, status, resolvedDay, ${cols}) VALUES (?, ?, ?, ?, ?, ${ROLLUP_COUNTERS.map(() => '?').join(', ')}) ON CONFLICT (day, communityId, categoryId, status, resolvedDay) DO UPDATE SET ${ROLLUP_COUNTERS.map((c) => `${c} = ${c} + excluded.${c}`).join(', ')}`
    : `INSERT INTO ticket_rollups (day, communityId, categoryId, status, resolvedDay, ${cols}) VALUES (?, ?, ?, ?, ?, ${ROLLUP_COUNTERS.map(() => '?').join(', ')}) ON DUPLICATE KEY UPDATE ${ROLLUP_COUNTERS.map((c) => `${c} = ${c} + VALUES(${c})`).join(', ')}`;
  const keys = [...delta.keys()].filter((k) => delta.get(k)!.some((v) => v !== 0)).sort();
  for (const k of keys) {
    const [day, communityId, categoryId, status, resolvedDay] = k.split('\t');
    await em.query(sql, [day, Number(communityId), Number(categoryId), status, resolvedDay, ...delta.get(k)!]);
  }
}

/**
 * The rollup rows as one GROUP BY over `tickets` (the migration's backfill, a rebuild after a bulk import, and the
 * SQLite demo's first start). Times are UTC; the Shanghai day is +8 h (China has no daylight saving).
 */
export function rollupSelectSql(sqlite: boolean): string {
  const day = (c: string) => (sqlite ? `strftime('%Y%m%d', ${c}, '+8 hours')` : `DATE_FORMAT(${c} + INTERVAL 8 HOUR, '%Y%m%d')`);
  const ms = sqlite ? 'CAST(ROUND((julianday(resolvedAt) - julianday(createdAt)) * 86400000) AS INTEGER)' : 'TIMESTAMPDIFF(MICROSECOND, createdAt, resolvedAt) DIV 1000';
  const closed = "status IN ('closed', 'rated')";
  return `SELECT ${day('createdAt')} AS day, COALESCE(communityId, 0) AS communityId, categoryId, status,
      CASE WHEN resolvedAt IS NULL THEN '' ELSE ${day('resolvedAt')} END AS resolvedDay,
      COUNT(*) AS n,
      SUM(CASE WHEN firstDispatchedAt IS NOT NULL THEN 1 ELSE 0 END) AS dispatched,
      SUM(CASE WHEN respondedInTime = 1 THEN 1 ELSE 0 END) AS onTime,
      SUM(CASE WHEN resolvedAt IS NOT NULL OR ${closed} OR status = 'reopened' OR reopenCount > 0 THEN 1 ELSE 0 END) AS handled,
      SUM(CASE WHEN ${closed} AND reopenCount = 0 THEN 1 ELSE 0 END) AS solved,
      SUM(CASE WHEN rating IS NOT NULL AND rating <> 0 THEN 1 ELSE 0 END) AS rated,
      SUM(CASE WHEN rating >= 4 THEN 1 ELSE 0 END) AS happy,
      SUM(CASE WHEN resolvedAt IS NOT NULL THEN 1 ELSE 0 END) AS resolved,
      COALESCE(SUM(CASE WHEN resolvedAt IS NOT NULL THEN ${ms} ELSE 0 END), 0) AS handlingMs
    FROM tickets GROUP BY 1, 2, 3, 4, 5`;
}

/** Rebuilds every rollup row from `tickets`. */
export async function rebuildTicketRollups(em: EntityManager): Promise<void> {
  const sqlite = em.connection.options.type === 'better-sqlite3';
  await em.query('DELETE FROM ticket_rollups');
  await em.query(`INSERT INTO ticket_rollups (day, communityId, categoryId, status, resolvedDay, ${ROLLUP_COUNTERS.join(', ')}) ${rollupSelectSql(sqlite)}`);
}

/**
 * The SQLite demo builds its schema by synchronize, not by the migration that backfills: a database that had tickets
 * before the rollups existed gets `respondedInTime` and the rollups rebuilt once, on start.
 */
export async function backfillTicketRollupsSqlite(em: EntityManager): Promise<void> {
  await em.query(
    `UPDATE tickets SET respondedInTime = CASE WHEN (julianday(firstSignedAt) - julianday(firstDispatchedAt)) * 86400000 <= (SELECT slaHours FROM service_categories c WHERE c.id = tickets.categoryId) * 3600000 THEN 1 ELSE 0 END
     WHERE firstSignedAt IS NOT NULL AND firstDispatchedAt IS NOT NULL AND respondedInTime IS NULL`,
  );
  await rebuildTicketRollups(em);
}
