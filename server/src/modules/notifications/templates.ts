/**
 * Subscribe-message templates by purpose. Real template ids and their keys come from the mini-program admin console
 * and are set with WECHAT_TEMPLATES='{"ticket_progress":{"id":"…","keys":{"character_string1":"character_string","phrase2":"phrase"}}}'
 * (validated at boot, read as `config.wechat.templates`); the demo ids below work against the fake server and are
 * refused in production. Each key's type decides how its value is cut and formatted (see template-values.ts).
 */
export const KEY_TYPES = ['thing', 'phrase', 'name', 'character_string', 'time', 'date', 'number', 'amount', 'phone_number', 'letter', 'symbol', 'car_number'] as const;
export type KeyType = (typeof KEY_TYPES)[number];

export interface TemplateSpec {
  id: string;
  /** template key (thing1, time2 …) → its type */
  keys: Record<string, KeyType>;
}

export const DEMO_TEMPLATE_PREFIX = 'demo-tpl-';

export const DEFAULT_TEMPLATES = {
  /** 工单进度: to the resident who filed and those who 同问 */
  ticket_progress: { id: 'demo-tpl-ticket-progress', keys: { character_string1: 'character_string', phrase2: 'phrase', thing3: 'thing' } },
  /** 新派单 / 改派: to the grid worker who now holds the matter */
  task_assigned: { id: 'demo-tpl-task-assigned', keys: { character_string1: 'character_string', thing2: 'thing', time3: 'time' } },
  /** 超时: to the grid worker whose matter is past its time limit */
  ticket_overdue: { id: 'demo-tpl-ticket-overdue', keys: { character_string1: 'character_string', phrase2: 'phrase', time3: 'time' } },
  /** 认领即将到期 / 认领超时: to the volunteer holding a wish */
  wish_claim_reminder: { id: 'demo-tpl-wish-claim', keys: { thing1: 'thing', phrase2: 'phrase', time3: 'time' } },
  /** 心愿已圆梦: to the volunteer whose proof was confirmed */
  wish_confirmed: { id: 'demo-tpl-wish-confirmed', keys: { thing1: 'thing', phrase2: 'phrase' } },
  /** 报名成功 / 已候补 */
  event_signup: { id: 'demo-tpl-event-signup', keys: { thing1: 'thing', time2: 'time', phrase3: 'phrase' } },
  /** 候补递补成功 */
  event_promoted: { id: 'demo-tpl-event-promoted', keys: { thing1: 'thing', time2: 'time', phrase3: 'phrase' } },
  /** 活动开始前 24 h / 1 h, and changed details */
  event_reminder: { id: 'demo-tpl-event-reminder', keys: { thing1: 'thing', time2: 'time', thing3: 'thing' } },
  /** 活动取消 */
  event_cancelled: { id: 'demo-tpl-event-cancelled', keys: { thing1: 'thing', time2: 'time', thing3: 'thing' } },
  /** 邀请已被接受: to the staff member who made the invite */
  invite_accepted: { id: 'demo-tpl-invite-accepted', keys: { name1: 'name', thing2: 'thing', time3: 'time' } },
} as const satisfies Record<string, TemplateSpec>;

export type TemplatePurpose = keyof typeof DEFAULT_TEMPLATES;
export const TEMPLATE_PURPOSES = Object.keys(DEFAULT_TEMPLATES) as TemplatePurpose[];
