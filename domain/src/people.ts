import type { Role } from './roles';
import { actionViews, type ActionView, type TransitionTable } from './state-machine';

/**
 * People and roles: invites to a role, volunteer applications, and the profile everyone completes once.
 * Both sides read these: the server enforces them, the console and the resident's pages draw from them.
 */

/** The roles an invite can give. Admin comes only from `admin:create`; resident is everyone's. */
export const INVITE_ROLES = ['grid_worker', 'staff', 'volunteer'] as const satisfies readonly Role[];
export type InviteRole = (typeof INVITE_ROLES)[number];
export const INVITE_DEFAULT_DAYS = 7;
export const INVITE_MAX_DAYS = 30;
/** Invite codes share the QR namespace with points and activities: `i.` + the code is an invite's scene. */
export const INVITE_SCENE_PREFIX = 'i.';

/** The alphabet of typed codes: no 0/O, 1/l/I look-alikes. 8 of 31 characters ≈ 8.5 × 10¹¹ codes. */
const CODE_ALPHABET = '23456789abcdefghjkmnpqrstuvwxyz';
export const INVITE_CODE_LENGTH = 8;

export function randomInviteCode(random: () => number = Math.random): string {
  let out = '';
  for (let i = 0; i < INVITE_CODE_LENGTH; i++) out += CODE_ALPHABET[Math.floor(random() * CODE_ALPHABET.length)];
  return out;
}

/**
 * What a person typed, as the stored code: full-width characters (a Chinese keyboard's `－`, `Ａ`) folded to
 * half-width, case folded, spaces and hyphens dropped, look-alikes mapped (O→0 is not in the alphabet, so O→0 would
 * never match: o/O and i/I/l/L are left to fail). Returns null when it cannot be a code.
 */
export function normalizeInviteCode(typed: string): string | null {
  let s = String(typed ?? '').replace(/[\uff01-\uff5e]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0));
  s = s.trim().toLowerCase();
  if (s.startsWith(INVITE_SCENE_PREFIX)) s = s.slice(INVITE_SCENE_PREFIX.length);
  s = s.replace(/[\s\-_\u2010-\u2015\u3000·]/g, '');
  if (s.length !== INVITE_CODE_LENGTH) return null;
  for (const c of s) if (!CODE_ALPHABET.includes(c)) return null;
  return s;
}

/** How a code is printed and read aloud: upper case, in two groups of four (`K7QM-3XPA`). */
export function formatInviteCode(code: string): string {
  const up = code.toUpperCase();
  return `${up.slice(0, 4)}-${up.slice(4)}`;
}

export type InviteStatus = 'open' | 'used' | 'revoked' | 'expired';
export const INVITE_STATUS_LABELS: Record<InviteStatus, string> = { open: '待接受', used: '已接受', revoked: '已撤销', expired: '已过期' };

export function inviteStatus(i: { usedAt: Date | string | null; revokedAt: Date | string | null; expiresAt: Date | string }, now: Date): InviteStatus {
  if (i.usedAt) return 'used';
  if (i.revokedAt) return 'revoked';
  if (new Date(i.expiresAt).getTime() <= now.getTime()) return 'expired';
  return 'open';
}

/** 网格员 · 漕湖花苑一网格 / 工作人员 · 漕湖花苑社区 / 党员志愿者 · 第一党支部 */
export function inviteRoleLabel(i: { role: InviteRole; isPartyMember: boolean }): string {
  if (i.role === 'volunteer') return i.isPartyMember ? '党员志愿者' : '志愿者';
  return i.role === 'grid_worker' ? '网格员' : '工作人员';
}

/** A volunteer application's life: staff of the applicant's community approve, or refuse with a reason. */
export const APPLICATION_STATUSES = ['pending', 'approved', 'refused', 'withdrawn'] as const;
export type ApplicationStatus = (typeof APPLICATION_STATUSES)[number];
export const APPLICATION_STATUS_LABELS: Record<ApplicationStatus, string> = { pending: '待审核', approved: '已通过', refused: '未通过', withdrawn: '已撤回' };
export type ApplicationAction = 'approve' | 'refuse' | 'withdraw';
export const APPLICATION_TRANSITIONS: TransitionTable<ApplicationStatus, ApplicationAction, Role> = {
  pending: {
    approve: { to: 'approved', by: ['staff', 'admin'], label: '通过', tone: 'primary', confirm: '通过后，对方即成为志愿者，可以认领心愿。确定通过吗？' },
    refuse: { to: 'refused', by: ['staff', 'admin'], label: '不通过', tone: 'danger', needsReason: true },
    withdraw: { to: 'withdrawn', by: ['owner'], label: '撤回申请', tone: 'danger', confirm: '确定撤回申请吗？' },
  },
  approved: {},
  refused: {},
  withdrawn: {},
};

export function applicationActions(status: ApplicationStatus, standing: readonly string[]): ActionView<ApplicationAction>[] {
  return actionViews(APPLICATION_TRANSITIONS, status, standing);
}

/** The name a WeChat login starts with; a profile is complete once it has been replaced. */
export const DEFAULT_WECHAT_NAME = '微信用户';

/** Who must still complete the profile: everyone a real name; a resident also their community and building. */
export function profileMissing(u: { name: string; roles: readonly string[]; communityId: number | null; building: string | null }): Array<'name' | 'communityId' | 'building'> {
  const missing: Array<'name' | 'communityId' | 'building'> = [];
  if (!u.name || u.name === DEFAULT_WECHAT_NAME) missing.push('name');
  const onlyResident = !u.roles.some((r) => r === 'staff' || r === 'admin' || r === 'grid_worker');
  if (onlyResident) {
    if (!u.communityId) missing.push('communityId');
    if (!u.building) missing.push('building');
  }
  return missing;
}

export const PEOPLE_ERROR_MESSAGES = {
  INVITE_NOT_FOUND: '邀请码不存在，请核对后重新输入',
  INVITE_USED: '这个邀请已经被使用过了，请向邀请人索取新的邀请',
  INVITE_REVOKED: '这个邀请已被撤销，请向邀请人索取新的邀请',
  INVITE_EXPIRED: '这个邀请已过期，请向邀请人索取新的邀请',
  INVITE_NEEDS_WECHAT: '请用微信登录后再接受邀请',
  INVITE_ALREADY_HELD: '您已经是这个身份了',
  APPLICATION_PENDING: '您的申请正在审核中，请耐心等待',
  APPLICATION_ILLEGAL_TRANSITION: '这份申请已经处理过了',
  APPLICATION_STATE_CHANGED: '这份申请刚被其他人处理过，请刷新',
  APPLICATION_FORBIDDEN: '只能审核自己负责社区的申请',
  ROLE_NOT_REMOVABLE: '这个身份不能在这里移除',
} as const;
export type PeopleErrorCode = keyof typeof PEOPLE_ERROR_MESSAGES;
