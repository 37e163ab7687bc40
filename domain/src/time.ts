/**
 * Asia/Shanghai has been UTC+8 without daylight saving since 1991, so wall-clock time there is a fixed offset. The
 * offset arithmetic lives here and nowhere else: the server stores UTC and formats with these, the client's
 * `lib/time.ts` builds on them.
 */
export const SHANGHAI_OFFSET_MS = 8 * 3_600_000;

function shifted(at: Date | string | number): string {
  return new Date(new Date(at).getTime() + SHANGHAI_OFFSET_MS).toISOString();
}

/** YYYYMMDD in Asia/Shanghai. */
export function shanghaiDay(at: Date): string {
  return shifted(at).slice(0, 10).replace(/-/g, '');
}

/** "2025-07-01" in Asia/Shanghai, for messages like 暂停至 2025-07-01 and for date-only columns. */
export function shanghaiDate(at: Date | string | number): string {
  return shifted(at).slice(0, 10);
}

/** "2026-12-02 19:30" in Asia/Shanghai. */
export function shanghaiDateTime(at: Date | string | number): string {
  return shifted(at).slice(0, 16).replace('T', ' ');
}

/** The instant a Shanghai wall-clock date (YYYY-MM-DD) starts, or ends (the last millisecond of that day). */
export function shanghaiDayStart(date: string): Date {
  return new Date(`${date}T00:00:00+08:00`);
}
export function shanghaiDayEnd(date: string): Date {
  return new Date(`${date}T23:59:59.999+08:00`);
}

/** An instant as the API sends it: ISO-8601 UTC, or null. Server views use this so their types are the wire's. */
export function iso(at: Date | string | null | undefined): string | null {
  return at == null ? null : new Date(at).toISOString();
}
