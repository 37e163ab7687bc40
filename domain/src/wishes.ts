import type { Role } from './roles';
import { ActionView, actionViews, TransitionTable } from './state-machine';
import { shanghaiDate, shanghaiDayStart } from './time';

/** 微心愿 — one lifecycle, read by the server (to enforce) and the client (to draw buttons). */
export const WISH_STATUSES = ['pending_review', 'published', 'rejected', 'withdrawn', 'claimed', 'fulfilled', 'confirmed'] as const;
export type WishStatus = (typeof WISH_STATUSES)[number];

/** A recorded wish starts here, waiting for staff review. */
export const WISH_INITIAL_STATUS = 'pending_review' satisfies WishStatus;

/** Shown to the public and to volunteers (on the wall, or as the claim they hold or held). */
export const WISH_PUBLIC_STATUSES: readonly WishStatus[] = ['published', 'claimed', 'fulfilled', 'confirmed'];
/** A wish someone holds or held: what 我的认领 lists, and when the claimer sees the hand-off. */
export const WISH_HELD_STATUSES: readonly WishStatus[] = ['claimed', 'fulfilled', 'confirmed'];

export const WISH_STATUS_LABELS: Record<WishStatus, string> = {
  pending_review: '待审核',
  published: '待认领',
  rejected: '已驳回',
  withdrawn: '已撤回',
  claimed: '已认领',
  fulfilled: '待确认',
  confirmed: '已圆梦',
};

export const WISH_ACTIONS = ['publish', 'reject', 'withdraw', 'claim', 'release', 'expire', 'fulfil', 'confirm', 'send_back'] as const;
export type WishAction = (typeof WISH_ACTIONS)[number];

const STAFF: readonly Role[] = ['staff', 'admin'];
const CONFIRMERS: readonly Role[] = ['grid_worker', 'staff', 'admin'];

/**
 * `owner` is the volunteer holding the claim. Scope (which community, which grid) is checked by the server.
 */
export const WISH_TRANSITIONS: TransitionTable<WishStatus, WishAction, Role> = {
  pending_review: {
    publish: { to: 'published', by: STAFF, label: '审核通过', tone: 'primary' },
    reject: { to: 'rejected', by: STAFF, needsReason: true, label: '驳回', tone: 'danger', confirm: '驳回后心愿不会上墙，录入的网格员会收到你写的原因。确定驳回吗？' },
    /** the wish-by date passed before anyone reviewed it (the job; the recorder is told) */
    withdraw: { to: 'withdrawn', by: ['system'], label: '逾期撤回' },
  },
  published: {
    claim: { to: 'claimed', by: ['volunteer'], label: '认领这个心愿', tone: 'primary', confirm: '认领后请在有效期内完成，并通过网格员交接。确定认领吗？' },
    /** 'system': nobody claimed it by its wish-by date (the job; the recorder is told). */
    withdraw: { to: 'withdrawn', by: [...STAFF, 'system'], needsReason: true, label: '撤回', tone: 'danger', confirm: '撤回后心愿从心愿墙下架。确定撤回吗？' },
  },
  claimed: {
    release: { to: 'published', by: ['owner'], label: '放弃认领', tone: 'danger', confirm: '放弃后心愿会回到心愿墙，由其他志愿者认领。确定放弃吗？' },
    expire: { to: 'published', by: ['system'], label: '认领超时' },
    fulfil: { to: 'fulfilled', by: ['owner'], label: '上传圆梦凭证', tone: 'primary' },
  },
  fulfilled: {
    confirm: { to: 'confirmed', by: CONFIRMERS, label: '确认圆梦', tone: 'primary', confirm: '确认后志愿者将获得志愿时长和积分。确定心愿已达成吗？' },
    send_back: { to: 'claimed', by: CONFIRMERS, needsReason: true, label: '退回补充', tone: 'danger' },
  },
  rejected: {},
  withdrawn: {},
  confirmed: {},
};

/** The volunteer's moves (on the wall and in 我的认领); the rest are made from the manage pages. */
export const WISH_VOLUNTEER_ACTIONS: readonly WishAction[] = ['claim', 'release', 'fulfil'];

/** Where the buttons are drawn: the public / volunteer detail, or the manage detail of those who serve the wish. */
export type WishDesk = 'volunteer' | 'manage';

/**
 * The buttons for a wish. `standing`: 'owner' for the volunteer holding the claim, 'volunteer' for a registered
 * volunteer, 'grid_worker' / 'staff' / 'admin' for those who serve the wish's community. `desk` keeps each page to
 * its own moves (a staff member who is also a volunteer sees 认领 on the wall, 审核通过 on the manage page).
 * `fulfil` needs a form (photos and a note), so the client draws the proof form in place of a plain button.
 */
export function wishActions(status: WishStatus, standing: readonly string[], desk?: WishDesk): ActionView<WishAction>[] {
  const onDesk = (a: WishAction) => !desk || WISH_VOLUNTEER_ACTIONS.includes(a) === (desk === 'volunteer');
  return actionViews(WISH_TRANSITIONS, status, standing, onDesk);
}

/** On the wall, waiting for a volunteer: a state a claim starts from (the page's hint for someone who is not one). */
export function isOpenToClaim(status: WishStatus): boolean {
  return !!WISH_TRANSITIONS[status].claim;
}

/** No move is left (已圆梦, 已驳回, 已撤回). */
export function isWishSettled(status: WishStatus): boolean {
  return Object.keys(WISH_TRANSITIONS[status]).length === 0;
}

/** Wishes that still occupy one of the volunteer's claim slots. */
export const ACTIVE_CLAIM_STATUSES: readonly WishStatus[] = ['claimed', 'fulfilled'];

export const WISH_TYPES = ['goods', 'service', 'companionship'] as const;
export type WishType = (typeof WISH_TYPES)[number];
export const WISH_TYPE_LABELS: Record<WishType, string> = { goods: '物资', service: '服务', companionship: '陪伴' };

export const GENDERS = ['female', 'male'] as const;
export type Gender = (typeof GENDERS)[number];
export const GENDER_LABELS: Record<Gender, string> = { female: '女', male: '男' };

export const AGE_GROUPS = ['elder', 'adult', 'student'] as const;
export type AgeGroup = (typeof AGE_GROUPS)[number];
export const AGE_GROUP_LABELS: Record<AgeGroup, string> = { elder: '老人（60岁以上）', adult: '成年人', student: '学生/儿童' };

export const WISH_STORY_MAX = 300;
export const WISH_TITLE_MAX = 40;

/** 欧阳、司马… — the family name of a compound surname is two characters. */
const COMPOUND_SURNAMES = [
  '欧阳', '司马', '上官', '诸葛', '东方', '皇甫', '尉迟', '公孙', '慕容', '长孙', '宇文', '司徒', '夏侯', '轩辕', '令狐', '钟离', '闾丘', '澹台', '公冶', '宗政', '濮阳', '太叔', '申屠', '端木', '南宫', '西门', '独孤', '呼延', '万俟', '司空',
];

export function familyNameOf(fullName: string): string {
  const name = fullName.trim();
  const compound = COMPOUND_SURNAMES.find((s) => name.startsWith(s) && name.length > s.length);
  if (compound) return compound;
  return Array.from(name)[0] ?? '';
}

export function honorificOf(gender: Gender, ageGroup: AgeGroup): string {
  if (ageGroup === 'student') return '同学';
  if (ageGroup === 'elder') return gender === 'female' ? '奶奶' : '爷爷';
  return gender === 'female' ? '阿姨' : '叔叔';
}

/**
 * The only name the public ever sees: "王阿姨 · 漕湖花园二社区". Derived, never typed, so a full name cannot leak
 * through the form (PIPL art. 28).
 */
export function wishDisplayName(fullName: string, gender: Gender, ageGroup: AgeGroup, communityName: string): string {
  return `${familyNameOf(fullName)}${honorificOf(gender, ageGroup)} · ${communityName}`;
}

const DAY_MS = 24 * 3600 * 1000;

/** Whole days until the wish-by date (a date in Asia/Shanghai, YYYY-MM-DD); 0 on the day itself, negative after. */
export function daysLeft(wishBy: string, now: Date): number {
  return Math.round((shanghaiDayStart(wishBy).getTime() - shanghaiDayStart(shanghaiDate(now)).getTime()) / DAY_MS);
}

/** "还剩 2 天 5 小时" / "还剩 3 小时" / "已超时" for a claim's countdown. */
export function claimCountdown(expiresAt: string | Date, now: Date): string {
  const ms = new Date(expiresAt).getTime() - now.getTime();
  if (ms <= 0) return '已超时';
  const hours = Math.floor(ms / 3600_000);
  const days = Math.floor(hours / 24);
  if (days > 0) return `还剩 ${days} 天 ${hours % 24} 小时`;
  if (hours > 0) return `还剩 ${hours} 小时`;
  return `还剩 ${Math.max(1, Math.ceil(ms / 60_000))} 分钟`;
}

export const WISH_ERROR_MESSAGES = {
  WISH_ILLEGAL_TRANSITION: '心愿当前状态下不能进行此操作',
  WISH_STATE_CHANGED: '心愿状态已变化，请刷新后重试',
  WISH_ALREADY_CLAIMED: '这个心愿已被认领，看看其他心愿吧',
  WISH_CLAIM_LIMIT: '你认领的心愿已达上限，完成或放弃后再来认领',
  WISH_CLAIM_PAUSED: '因认领两次超时未完成，认领功能暂停中',
  WISH_VALUE_TOO_HIGH: '心愿预估价值超过上限',
  WISH_NOT_CLAIMER: '只有认领人可以进行此操作',
  WISH_NOT_VOLUNTEER: '请先登记成为志愿者再认领心愿',
  WISH_DATE_INVALID: '心愿截止日期须在今天之后',
  WISH_NOT_IN_SCOPE: '只能处理自己负责社区的心愿',
} as const;
export type WishErrorCode = keyof typeof WISH_ERROR_MESSAGES;

export const WISH_ERROR_CODES = Object.fromEntries(Object.keys(WISH_ERROR_MESSAGES).map((k) => [k, k])) as { readonly [K in WishErrorCode]: K };

/** Statuses a wish is withdrawn from once its wish-by date has passed: nobody has taken it on yet. */
export const WISH_LAPSING_STATUSES: readonly WishStatus[] = ['pending_review', 'published'];

/** Why the job withdrew a wish: timeline note, audit reason and the recorder's message. */
export function wishLapsedReason(wishBy: string): string {
  return `心愿期限（${wishBy}）已过，无人认领，系统自动撤回`;
}

const ID_WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const ID_CHECK = '10X98765432';

/**
 * Checks an 18-character 公民身份号码 (GB 11643-1999): digits, a real birth date, and the ISO 7064 MOD 11-2 check
 * character. Returns the problem in Chinese, or null when it is well-formed. The client checks with the same rule.
 */
export function idNumberProblem(raw: string): string | null {
  const id = raw.trim().toUpperCase();
  if (!/^\d{17}[\dX]$/.test(id)) return '身份证号须为 18 位（最后一位可为 X）';
  const y = Number(id.slice(6, 10));
  const m = Number(id.slice(10, 12));
  const d = Number(id.slice(12, 14));
  const birth = new Date(Date.UTC(y, m - 1, d));
  if (y < 1900 || birth.getUTCMonth() !== m - 1 || birth.getUTCDate() !== d) return '身份证号中的出生日期有误';
  const sum = ID_WEIGHTS.reduce((n, w, i) => n + w * Number(id[i]), 0);
  if (ID_CHECK[sum % 11] !== id[17]) return '身份证号校验位不符，请核对';
  return null;
}

export function claimPausedMessage(until: Date | string): string {
  return `因两次认领超时未完成，认领功能暂停至 ${shanghaiDate(until)}`;
}
