import type { EntityManager, EntityTarget, ObjectLiteral } from 'typeorm';
import type { QueryDeepPartialEntity } from 'typeorm/query-builder/QueryPartialEntity';

/**
 * INSERT in one round trip, returning the new id (of a single-row insert).
 *
 * `em.insert` follows every INSERT with a SELECT of the row's defaulted columns, because MySQL has no RETURNING.
 * Found by `npm run bench`: a sign-up wrote its row, its audit entry and its notification while holding the
 * activity's seat lock, and those three follow-up SELECTs were three of its eight round trips under the lock.
 * The callers here never read the defaulted columns back from the entity.
 */
export async function insertRow<T extends ObjectLiteral>(em: EntityManager, target: EntityTarget<T>, values: QueryDeepPartialEntity<T> | QueryDeepPartialEntity<T>[]): Promise<number> {
  const res = await em.createQueryBuilder().insert().into(target).values(values).updateEntity(false).execute();
  const raw: unknown = res.raw;
  // mysql2 answers an OkPacket with insertId; better-sqlite3 the last row id.
  const id = raw !== null && typeof raw === 'object' ? (raw as { insertId?: number }).insertId : raw;
  return Number(id);
}
