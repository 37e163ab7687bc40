import type { EntityManager } from 'typeorm';

/**
 * Per-transaction state that is written once, at the end of the transaction, after everything else it did — e.g.
 * many counter changes folded into one write per row, taken in a fixed order. Only `TransactionService.run` opens
 * and flushes these (a fresh set per attempt, so a rolled-back attempt leaves nothing behind); using one on any
 * other manager is a programming error and throws instead of being silently dropped.
 */
type Entry = { state: unknown; flush: (state: any) => Promise<void> };
const open = new WeakMap<EntityManager, Map<string, Entry>>();
const after = new WeakMap<EntityManager, Map<string, () => void>>();

export function openCommitHooks(em: EntityManager): void {
  open.set(em, new Map());
  after.set(em, new Map());
}

/**
 * `run()` once the transaction has committed — e.g. sending the subscribe messages its notifications queued, so a
 * rolled-back change never reaches a phone. One per key per transaction; a retried attempt starts afresh.
 * Returns false outside `TransactionService.run` (the caller decides what that means).
 */
export function afterCommit(em: EntityManager, key: string, run: () => void): boolean {
  const m = after.get(em);
  if (!m) return false;
  if (!m.has(key)) m.set(key, run);
  return true;
}

/** Takes the after-commit hooks of `em` (to run once the commit went through). */
export function takeAfterCommit(em: EntityManager): Array<() => void> {
  const m = after.get(em);
  after.delete(em);
  return [...(m?.values() ?? [])];
}

/** The transaction's state under `key`, created by `init` on first use; `flush(state)` runs before commit. */
export function beforeCommit<T>(em: EntityManager, key: string, init: () => T, flush: (state: T) => Promise<void>): T {
  const m = open.get(em);
  if (!m) throw new Error(`beforeCommit(${key}) outside TransactionService.run`);
  let e = m.get(key);
  if (!e) m.set(key, (e = { state: init(), flush }));
  return e.state as T;
}

export async function runCommitHooks(em: EntityManager): Promise<void> {
  const m = open.get(em);
  open.delete(em);
  for (const e of m?.values() ?? []) await e.flush(e.state);
}
