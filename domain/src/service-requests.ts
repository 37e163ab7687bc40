/**
 * 码上办 — service requests (工单). The lifecycle is written once here; the server enforces it and the client
 * reads it (`availableActions`) to decide which buttons to draw.
 */
export { shanghaiDay } from './time';
import { ActionView, actionViews, TransitionTable } from './state-machine';

export const TICKET_STATUSES = [
  'submitted',
  'accepted',
  'rejected',
  'merged',
  'dispatched',
  'signed',
  'returned',
  'on_site',
  'resolved',
  'closed',
  'rated',
  'reopened',
] as const;
export type TicketStatus = (typeof TICKET_STATUSES)[number];

export const TICKET_STATUS_LABELS: Record<TicketStatus, string> = {
  submitted: '已提交',
  accepted: '已受理',
  rejected: '不予受理',
  merged: '已合并',
  dispatched: '已派单',
  signed: '已签收',
  returned: '已退回',
  on_site: '处置中',
  resolved: '已办结',
  closed: '已确认',
  rated: '已评价',
  reopened: '已重新打开',
};

export const TICKET_ACTIONS = ['accept', 'reject', 'merge', 'dispatch', 'reassign', 'sign', 'return', 'check_in', 'resolve', 'confirm', 'reopen', 'rate'] as const;
export type TicketAction = (typeof TICKET_ACTIONS)[number];

export const TICKET_ACTION_LABELS: Record<TicketAction, string> = {
  accept: '受理',
  reject: '不予受理',
  merge: '合并',
  dispatch: '派单',
  reassign: '改派',
  sign: '签收',
  return: '退回',
  check_in: '到场打卡',
  resolve: '办结',
  confirm: '确认办结',
  reopen: '重新打开',
  rate: '评价',
};

/**
 * Who may act: roles, 'owner' (the requester), 'follower' (a resident who pressed 同问 on it: they met the same
 * matter, so they may say whether it is really fixed) and 'system' (auto-dispatch, the scheduler).
 */
export type TicketActor = 'grid_worker' | 'staff' | 'admin' | 'follower';

/** Reassigning goes back to 已派单: the new worker signs for it and the SLA clock restarts with them. */
const REASSIGN = { to: 'dispatched', by: ['staff', 'admin'], label: '改派' } as const;

/** A filed ticket starts here. */
export const TICKET_INITIAL_STATUS = 'submitted' satisfies TicketStatus;

export const TICKET_TRANSITIONS: TransitionTable<TicketStatus, TicketAction, TicketActor> = {
  submitted: {
    accept: { to: 'accepted', by: ['staff', 'admin', 'system'], label: '受理', tone: 'primary' },
    reject: { to: 'rejected', by: ['staff', 'admin'], needsReason: true, label: '不予受理', tone: 'danger', confirm: '不予受理后这张工单就结束了，反映人会收到你写的理由。确定吗？' },
    merge: { to: 'merged', by: ['staff', 'admin'], label: '合并', confirm: '合并后这张工单结束，反映人和同问的人会改为关注目标工单。确定合并吗？' },
  },
  accepted: {
    dispatch: { to: 'dispatched', by: ['staff', 'admin', 'system'], label: '派单', tone: 'primary' },
  },
  dispatched: {
    sign: { to: 'signed', by: ['grid_worker'], label: '签收', tone: 'primary' },
    return: { to: 'returned', by: ['grid_worker'], needsReason: true, label: '退回', tone: 'danger', confirm: '退回后工单回到社区重新派单。确定退回吗？' },
    reassign: REASSIGN,
  },
  returned: {
    dispatch: { to: 'dispatched', by: ['staff', 'admin'], label: '重新派单', tone: 'primary' },
  },
  signed: {
    check_in: { to: 'on_site', by: ['grid_worker'], label: '到场打卡', tone: 'primary' },
    reassign: REASSIGN,
  },
  on_site: {
    resolve: { to: 'resolved', by: ['grid_worker'], needsReason: true, label: '办结', tone: 'primary' },
    reassign: REASSIGN,
  },
  resolved: {
    confirm: { to: 'closed', by: ['owner', 'follower', 'system'], label: '确认办结', tone: 'primary' },
    reopen: { to: 'reopened', by: ['owner', 'follower'], needsReason: true, label: '重新打开' },
  },
  closed: {
    rate: { to: 'rated', by: ['owner'], label: '评价', tone: 'primary' },
    reopen: { to: 'reopened', by: ['owner', 'follower'], needsReason: true, label: '重新打开' },
  },
  reopened: {
    dispatch: { to: 'dispatched', by: ['staff', 'admin', 'system'], label: '重新派单', tone: 'primary' },
  },
  rejected: {},
  merged: {},
  rated: {},
};

/** States in which a ticket still needs work; 同问 lists these. */
export const OPEN_TICKET_STATUSES: readonly TicketStatus[] = ['submitted', 'accepted', 'dispatched', 'signed', 'returned', 'on_site', 'reopened'];
/** Finished states (Open311 `closed`). */
export const CLOSED_TICKET_STATUSES: readonly TicketStatus[] = ['rejected', 'merged', 'resolved', 'closed', 'rated'];

export const TICKET_REOPEN_DAYS = 7;
/** Hours a dispatched ticket may wait for its grid worker to sign before it is flagged and escalated (per category). */
export const TICKET_DEFAULT_SIGN_FOR_HOURS = 4;
/**
 * Open311 by coordinates: a request within this many metres of a registered point goes to that point; farther, to
 * the triage queue of the community of the nearest point within TICKET_TRIAGE_COMMUNITY_METRES; farther still (or
 * when no point has coordinates), to the street's own queue (the admin's).
 */
export const TICKET_NEAREST_POINT_METRES = 500;
export const TICKET_TRIAGE_COMMUNITY_METRES = 3000;
export const TICKET_AUTO_CONFIRM_DAYS = 3;
export const TICKET_MAX_PHOTOS = 9;
export const TICKET_MAX_DESCRIPTION = 1000;

export function isTicketOpen(status: TicketStatus): boolean {
  return OPEN_TICKET_STATUSES.includes(status);
}

/** Open311 GeoReport v2 knows only open/closed. */
export function open311Status(status: TicketStatus): 'open' | 'closed' {
  return isTicketOpen(status) ? 'open' : 'closed';
}

/**
 * The buttons for a ticket. `standing` holds what the viewer is to this ticket: 'owner' (its requester),
 * 'follower' (同问), 'grid_worker' (its assignee), 'staff'/'admin' (of its community). `reopen` from `closed` is offered only within
 * 7 days of closing; `closedAt` is when the ticket reached `closed`.
 */
export function ticketActions(
  status: TicketStatus,
  standing: readonly string[],
  opts: { now?: Date; closedAt?: Date | string | null } = {},
): ActionView<TicketAction>[] {
  return actionViews(TICKET_TRANSITIONS, status, standing, (a) => a !== 'reopen' || status !== 'closed' || withinReopenWindow(opts.closedAt ?? null, opts.now ?? new Date()));
}

export function withinReopenWindow(closedAt: Date | string | null, now: Date): boolean {
  if (!closedAt) return true;
  return now.getTime() - new Date(closedAt).getTime() <= TICKET_REOPEN_DAYS * 86_400_000;
}

/** MSB-20261128-0042: the Asia/Shanghai date and the day's sequence. */
export function ticketNumber(shanghaiDay: string, seq: number): string {
  return `MSB-${shanghaiDay}-${String(seq).padStart(4, '0')}`;
}


export const TICKET_ATTRIBUTE_TYPES = ['string', 'number', 'datetime', 'text', 'singlevaluelist', 'multivaluelist'] as const;
export type TicketAttributeType = (typeof TICKET_ATTRIBUTE_TYPES)[number];
export interface TicketAttribute {
  code: string;
  datatype: TicketAttributeType;
  description: string;
  required: boolean;
  order: number;
  values?: Array<{ key: string; name: string }>;
}

/** What each question type is called in the console's editor. */
export const TICKET_ATTRIBUTE_TYPE_LABELS: Record<TicketAttributeType, string> = {
  string: '单行文字',
  text: '多行文字',
  number: '数字',
  datetime: '日期',
  singlevaluelist: '单选',
  multivaluelist: '多选',
};
export const TICKET_MAX_ATTRIBUTES = 10;
export const TICKET_MAX_ATTRIBUTE_VALUES = 20;

/**
 * A category's extra questions as the console writes them, checked the same way by the editor and the server:
 * codes `[a-z0-9_]`, unique; a known type; a question text; choices (with unique keys) for the two list types and
 * none for the others. Returns the cleaned definitions (ordered 1…n as given) and, per position, what is wrong.
 */
export function checkTicketAttributeDefs(defs: unknown): { cleaned: TicketAttribute[]; problems: Record<string, string> } {
  const problems: Record<string, string> = {};
  const cleaned: TicketAttribute[] = [];
  if (!Array.isArray(defs)) return { cleaned, problems: { attributes: '补充问题须为列表' } };
  if (defs.length > TICKET_MAX_ATTRIBUTES) problems.attributes = `补充问题最多 ${TICKET_MAX_ATTRIBUTES} 个`;
  const codes = new Set<string>();
  defs.slice(0, TICKET_MAX_ATTRIBUTES).forEach((d: any, i) => {
    const at = `attributes.${i}`;
    const n = i + 1;
    if (!d || typeof d !== 'object') {
      problems[at] = `第 ${n} 个问题格式不正确`;
      return;
    }
    const code = typeof d.code === 'string' ? d.code.trim() : '';
    const description = typeof d.description === 'string' ? d.description.trim() : '';
    if (!/^[a-z][a-z0-9_]{0,31}$/.test(code)) problems[`${at}.code`] = `第 ${n} 个问题的编码须为小写字母开头的字母、数字或下划线（最多 32 位）`;
    else if (codes.has(code)) problems[`${at}.code`] = `第 ${n} 个问题的编码 ${code} 重复了`;
    codes.add(code);
    if (!(TICKET_ATTRIBUTE_TYPES as readonly string[]).includes(d.datatype)) problems[`${at}.datatype`] = `第 ${n} 个问题请选择题型`;
    if (!description || description.length > 50) problems[`${at}.description`] = `第 ${n} 个问题请填写题目（1–50 字）`;
    if (d.required !== undefined && typeof d.required !== 'boolean') problems[`${at}.required`] = `第 ${n} 个问题的“必填”须为是或否`;
    const isList = d.datatype === 'singlevaluelist' || d.datatype === 'multivaluelist';
    let values: Array<{ key: string; name: string }> | undefined;
    if (isList) {
      const raw = Array.isArray(d.values) ? d.values : [];
      const keys = new Set<string>();
      values = [];
      for (const v of raw.slice(0, TICKET_MAX_ATTRIBUTE_VALUES)) {
        const name = v && typeof v.name === 'string' ? v.name.trim() : '';
        const key = v && typeof v.key === 'string' && v.key.trim() ? v.key.trim() : name;
        if (!name || name.length > 30 || key.length > 32) {
          problems[`${at}.values`] = `第 ${n} 个问题的选项须为 1–30 字`;
          continue;
        }
        if (keys.has(key)) {
          problems[`${at}.values`] = `第 ${n} 个问题的选项“${name}”重复了`;
          continue;
        }
        keys.add(key);
        values.push({ key, name });
      }
      if (raw.length > TICKET_MAX_ATTRIBUTE_VALUES) problems[`${at}.values`] = `第 ${n} 个问题最多 ${TICKET_MAX_ATTRIBUTE_VALUES} 个选项`;
      else if (values.length < 2 && !problems[`${at}.values`]) problems[`${at}.values`] = `第 ${n} 个问题（${TICKET_ATTRIBUTE_TYPE_LABELS[d.datatype as TicketAttributeType]}）至少要有 2 个选项`;
    }
    cleaned.push({ code, datatype: d.datatype, description, required: d.required === true, order: n, ...(isList ? { values } : {}) });
  });
  return { cleaned, problems };
}

/**
 * Answers to a category's extra questions (Open311 attributes), checked the same way on both sides: the resident's
 * form before it submits and the server (mini-program and Open311) before it files. Returns the cleaned answers and,
 * per question code, what is wrong.
 */
export function checkTicketAttributes(
  questions: readonly TicketAttribute[],
  answers: Record<string, unknown>,
): { cleaned: Record<string, unknown>; problems: Record<string, string> } {
  const cleaned: Record<string, unknown> = {};
  const problems: Record<string, string> = {};
  const known = new Set(questions.map((q) => q.code));
  for (const key of Object.keys(answers)) if (!known.has(key)) problems[key] = `未知的补充问题 ${key}`;
  for (const q of [...questions].sort((a, b) => a.order - b.order)) {
    const v = answers[q.code];
    const empty = v === undefined || v === null || (typeof v === 'string' && v.trim() === '') || (Array.isArray(v) && v.length === 0);
    if (empty) {
      if (q.required) problems[q.code] = `请填写${q.description}`;
      continue;
    }
    const keys = new Set((q.values ?? []).map((x) => x.key));
    switch (q.datatype) {
      case 'number':
        if (typeof v === 'object' || !Number.isFinite(Number(v))) problems[q.code] = `${q.description}须为数字`;
        else cleaned[q.code] = Number(v);
        break;
      case 'datetime':
        if (typeof v === 'object' || Number.isNaN(Date.parse(String(v)))) problems[q.code] = `${q.description}须为日期时间`;
        else cleaned[q.code] = new Date(String(v)).toISOString();
        break;
      case 'singlevaluelist':
        if (!keys.has(String(v))) problems[q.code] = `${q.description}的选项无效`;
        else cleaned[q.code] = String(v);
        break;
      case 'multivaluelist': {
        const list = (Array.isArray(v) ? v : [v]).map(String);
        if (!list.every((x) => keys.has(x))) problems[q.code] = `${q.description}的选项无效`;
        else cleaned[q.code] = [...new Set(list)];
        break;
      }
      default:
        if (typeof v === 'object') problems[q.code] = `${q.description}须为文字`;
        else cleaned[q.code] = String(v).slice(0, q.datatype === 'text' ? 1000 : 200);
    }
  }
  return { cleaned, problems };
}

export const TICKET_ERRORS = {
  TICKET_ILLEGAL_TRANSITION: '当前状态下不能进行此操作',
  TICKET_NOT_YOURS: '这张工单不归你处理',
  TICKET_REOPEN_EXPIRED: '办结已超过 7 天，不能重新打开',
  TICKET_ALREADY_FOLLOWING: '你已经同问过这张工单',
  TICKET_CATEGORY_DISABLED: '该分类已停用',
  TICKET_CHECKIN_TOO_FAR: '距离点位太远，请到现场后再打卡',
  TICKET_CHECKIN_WRONG_CODE: '扫的不是这张工单的点位码',
  TICKET_MERGE_TARGET_INVALID: '合并目标工单无效',
  TICKET_NO_WORKER: '该网格没有网格员，请指定处理人',
  TICKET_CONCURRENT_CHANGE: '工单刚被其他人处理过，请刷新后重试',
  OPEN311_BAD_KEY: 'api_key 无效',
} as const;
export type TicketErrorCode = keyof typeof TICKET_ERRORS;
