import { Inject, Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { openCommitHooks, runCommitHooks, takeAfterCommit } from './before-commit';

/**
 * `run(work)` is the only way services open a transaction.
 *
 * MySQL: a real transaction per call; deadlocks and lock-wait timeouts are retried a few times,
 * because under a burst InnoDB may pick us as the victim and the work is safe to redo.
 *
 * SQLite: TypeORM shares one connection, so concurrent `transaction()` calls would nest as savepoints and
 * a rollback in one could undo another's committed work. Calls are therefore queued one at a time.
 */
@Injectable()
export class TransactionService {
  private queue: Promise<unknown> = Promise.resolve();
  readonly isSqlite: boolean;
  deadlockRetries = 0;

  constructor(@Inject(DataSource) private readonly dataSource: DataSource) {
    this.isSqlite = dataSource.options.type === 'better-sqlite3';
  }

  run<T>(body: (em: EntityManager) => Promise<T>): Promise<T> {
    let committed: Array<() => void> = [];
    const work = async (em: EntityManager) => {
      openCommitHooks(em);
      try {
        const result = await body(em);
        await runCommitHooks(em);
        return result;
      } finally {
        // Taken from the attempt that returns last; a failed attempt's hooks are dropped by the next one.
        committed = takeAfterCommit(em);
      }
    };
    const done = (result: T) => {
      for (const hook of committed) hook();
      return result;
    };
    if (!this.isSqlite) return this.runWithRetry(work).then(done);
    const next = this.queue.then(
      () => this.dataSource.transaction(work),
      () => this.dataSource.transaction(work),
    );
    this.queue = next.catch(() => undefined);
    return next.then(done);
  }

  private async runWithRetry<T>(work: (em: EntityManager) => Promise<T>, attempts = 5): Promise<T> {
    for (let attempt = 1; ; attempt++) {
      try {
        return await this.dataSource.transaction(work);
      } catch (err: any) {
        const code = err?.driverError?.code ?? err?.code;
        const retriable = code === 'ER_LOCK_DEADLOCK' || code === 'ER_LOCK_WAIT_TIMEOUT';
        if (!retriable || attempt >= attempts) throw err;
        this.deadlockRetries++;
        await new Promise((r) => setTimeout(r, 5 + Math.random() * 20 * attempt));
      }
    }
  }
}

/** Affected rows of an UPDATE, for both drivers. */
export function affectedRows(result: { affected?: number | null }): number {
  return result.affected ?? 0;
}
