import type { KeyType } from './templates';

/** Code points, so an emoji (a surrogate pair in UTF-16) is kept whole or dropped whole. */
export function cutCodePoints(value: string, max: number): string {
  const chars = Array.from(value);
  return chars.length <= max ? value : chars.slice(0, max).join('');
}

/** WeChat's limits per key type (subscribe-message documentation, "模板参数值的限制"). */
export const KEY_LIMITS: Partial<Record<KeyType, number>> = {
  thing: 20,
  phrase: 5,
  name: 10,
  character_string: 32,
  number: 32,
  letter: 32,
  symbol: 5,
  amount: 10,
  phone_number: 17,
  car_number: 8,
};

const SHANGHAI_OFFSET_MS = 8 * 3600_000;
const WX_TIME = /^(\d{4}年\d{1,2}月\d{1,2}日 )?\d{1,2}:\d{2}$/;
const WX_DATE = /^\d{4}年\d{1,2}月\d{1,2}日$/;

function shanghai(d: Date) {
  const s = new Date(d.getTime() + SHANGHAI_OFFSET_MS);
  const p = (n: number) => String(n).padStart(2, '0');
  return { date: `${s.getUTCFullYear()}年${s.getUTCMonth() + 1}月${s.getUTCDate()}日`, time: `${p(s.getUTCHours())}:${p(s.getUTCMinutes())}` };
}

/** An instant (ISO string) or a value already in WeChat's format; anything else becomes `now`. */
function instant(value: string, now: Date): Date {
  const d = /^\d{4}-\d{2}-\d{2}T/.test(value) ? new Date(value) : null;
  return d && !Number.isNaN(d.getTime()) ? d : now;
}

/** One value made acceptable to WeChat for its key type. */
export function templateValue(type: KeyType, raw: unknown, now: Date): string {
  const value = String(raw ?? '').replace(/\s+/g, ' ').trim();
  switch (type) {
    case 'time': {
      if (WX_TIME.test(value)) return value;
      const s = shanghai(instant(value, now));
      return `${s.date} ${s.time}`;
    }
    case 'date':
      return WX_DATE.test(value) ? value : shanghai(instant(value, now)).date;
    case 'phrase': {
      // 5 个以内纯汉字
      const han = Array.from(value).filter((c) => /\p{Script=Han}/u.test(c)).join('');
      return cutCodePoints(han || '有更新', 5);
    }
    case 'character_string': {
      const ascii = value.replace(/[^\x21-\x7e]/g, '');
      return cutCodePoints(ascii || '-', 32);
    }
    case 'name':
      return cutCodePoints(value || '邻里用户', 10);
    case 'thing':
      return cutCodePoints(value || '邻里', 20);
    default:
      return cutCodePoints(value, KEY_LIMITS[type] ?? 20);
  }
}

/**
 * The `data` of a subscribe message: every key the template has, each cut to its type. A key the caller did not
 * fill takes the message title (thing) or the send time (time/date).
 */
export function templateData(keys: Record<string, KeyType>, data: Record<string, string> | null, title: string, now: Date): Record<string, { value: string }> {
  return Object.fromEntries(Object.entries(keys).map(([key, type]) => [key, { value: templateValue(type, data?.[key] ?? (type === 'thing' ? title : ''), now) }]));
}
