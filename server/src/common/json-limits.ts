import { AppError } from './errors/app-error';

/** Deeper than any DTO of this API (the deepest is three levels); class-transformer recurses once per level. */
export const MAX_JSON_DEPTH = 32;
/** Values (objects, arrays, scalars) in one body; the largest real body (a batch of stickers) is far below. */
export const MAX_JSON_NODES = 20_000;

/**
 * Measures a parsed body without recursion (a 4 KB body nested 2,000 levels overflowed class-transformer's
 * recursive walk: a 500 on every route with a DTO, the public login routes too) and refuses it before any
 * pipe sees it. Runs as the fastify `preValidation` hook, so it is the one place for every route.
 */
export function assertJsonWithinLimits(body: unknown): void {
  if (body === null || typeof body !== 'object' || Buffer.isBuffer(body)) return;
  const stack: Array<[unknown, number]> = [[body, 1]];
  let nodes = 0;
  while (stack.length) {
    const [value, depth] = stack.pop()!;
    nodes++;
    if (nodes > MAX_JSON_NODES) throw new AppError('REQUEST_TOO_LARGE', `请求内容过大：最多 ${MAX_JSON_NODES} 个值`);
    if (value === null || typeof value !== 'object') continue;
    if (depth > MAX_JSON_DEPTH) throw new AppError('REQUEST_TOO_DEEP', `请求内容嵌套太深：最多 ${MAX_JSON_DEPTH} 层`);
    for (const child of Array.isArray(value) ? value : Object.values(value)) stack.push([child, depth + 1]);
  }
}
