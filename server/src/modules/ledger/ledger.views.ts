import { DataSource, In } from 'typeorm';
import type { LedgerEntryView } from '@linli/domain';
import { User } from '../users/user.entity';
import { LedgerEntry } from './ledger-entry.entity';

export const SOURCE_LABELS: Record<string, string> = { wish: '微心愿', activity: '志愿活动', correction: '更正' };

export function entryView(e: LedgerEntry, names: Map<number, string>): LedgerEntryView {
  return {
    id: Number(e.id),
    source: e.source,
    sourceLabel: SOURCE_LABELS[e.source] ?? e.source,
    content: e.content,
    hours: e.centiHours / 100,
    points: e.points,
    organisation: e.organisation,
    confirmedByName: e.confirmedBy ? names.get(e.confirmedBy) ?? null : null,
    correctsEntryId: e.correctsEntryId ? Number(e.correctsEntryId) : null,
    remark: e.remark ?? null,
    createdAt: new Date(e.createdAt).toISOString(),
  };
}

export async function userNames(dataSource: DataSource, ids: Array<number | null>): Promise<Map<number, string>> {
  const unique = [...new Set(ids.filter((x): x is number => !!x))];
  if (!unique.length) return new Map<number, string>();
  const rows = await dataSource.getRepository(User).find({ where: { id: In(unique) } });
  return new Map(rows.map((u) => [u.id, u.name]));
}

/** A raw-query datetime: mysql2 gives a Date, SQLite the UTC text TypeORM wrote. */
export function rawDateIso(v: unknown): string | null {
  if (!v) return null;
  if (v instanceof Date) return v.toISOString();
  const s = String(v);
  return new Date(/[zZ]|[+-]\d\d:?\d\d$/.test(s) ? s : `${s.replace(' ', 'T')}Z`).toISOString();
}
