import { insertRow } from '../../database/insert';
import { Injectable } from '@nestjs/common';
import { EntityManager, QueryFailedError } from 'typeorm';
import { AppError } from '../../common/errors/app-error';
import { IdempotencyKey } from './idempotency-key.entity';

const KEY_PATTERN = /^[A-Za-z0-9_\-:.]{8,80}$/;

export function validateIdempotencyKey(key: unknown): string | null {
  if (key === undefined || key === null || key === '') return null;
  if (typeof key !== 'string' || !KEY_PATTERN.test(key)) {
    throw AppError.field('Idempotency-Key', 'Idempotency-Key 须为 8–80 位字母、数字或 -_:.');
  }
  return key;
}

function isDuplicate(err: unknown) {
  const code = (err as any)?.driverError?.code ?? (err as any)?.code;
  return err instanceof QueryFailedError && (code === 'ER_DUP_ENTRY' || String(code).startsWith('SQLITE_CONSTRAINT'));
}

@Injectable()
export class IdempotencyService {
  /**
   * Claims the key inside the caller's transaction. Returns the earlier result id when this key was
   * already used; otherwise null and the caller must `complete()` it with the new record's id.
   * The INSERT waits on the unique index while a concurrent first attempt is still open, so a retry racing
   * the original never slips past it.
   */
  async claim(em: EntityManager, userId: number, scope: string, key: string): Promise<string | null> {
    const existing = await em.findOne(IdempotencyKey, { where: { userId, scope, key } });
    if (existing) return existing.resultId;
    try {
      await insertRow(em, IdempotencyKey, { userId, scope, key, resultId: null });
      return null;
    } catch (err) {
      if (!isDuplicate(err)) throw err;
      // The first attempt committed while we waited on the index; a locking read sees past our snapshot.
      const winner = await em
        .createQueryBuilder(IdempotencyKey, 'k')
        // FOR UPDATE, not pessimistic_read: TypeORM renders that as FOR SHARE, which MariaDB rejects as a syntax error.
        .setLock('pessimistic_write')
        .where('k.userId = :userId AND k.scope = :scope AND k.key = :key', { userId, scope, key })
        .getOne();
      if (winner?.resultId) return winner.resultId;
      throw new AppError('IDEMPOTENT_RETRY', '相同的提交正在处理，请稍候');
    }
  }

  async complete(em: EntityManager, userId: number, scope: string, key: string, resultId: string | number) {
    await em.update(IdempotencyKey, { userId, scope, key }, { resultId: String(resultId) });
  }
}
