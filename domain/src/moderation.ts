import type { Role } from './roles';
import { ActionView, actionViews, TransitionTable } from './state-machine';

/**
 * Public text that WeChat's msgSecCheck could not pass: it waits, unseen by the public, until a leased job re-checks
 * it (WeChat was unreachable) or staff of its community release or refuse it (the author has no openid, WeChat asked
 * for a person's review, or the job gave up).
 */
export const HOLD_STATUSES = ['held', 'released', 'refused'] as const;
export type HoldStatus = (typeof HOLD_STATUSES)[number];
export type HoldAction = 'release' | 'refuse';

export const HOLD_STATUS_LABELS: Record<HoldStatus, string> = { held: '待审核', released: '已放行', refused: '不予公开' };

/** Why the text was held. */
export const HOLD_REASONS = ['unreachable', 'no_openid', 'review'] as const;
export type HoldReason = (typeof HOLD_REASONS)[number];
export const HOLD_REASON_LABELS: Record<HoldReason, string> = {
  unreachable: '提交时微信内容安全检测无法访问，恢复后会自动复查',
  no_openid: '作者不是用微信登录的，无法自动检测',
  review: '微信内容安全检测建议人工审核',
};

/** What held text belongs to: the record kept from the public while any of its text waits or was refused. */
export const HOLD_ENTITIES = ['ticket', 'wish'] as const;
export type HoldEntity = (typeof HOLD_ENTITIES)[number];
export const HOLD_ENTITY_LABELS: Record<HoldEntity, string> = { ticket: '码上办诉求', wish: '微心愿' };
export const HOLD_FIELD_LABELS: Record<string, string> = { description: '问题描述', note: '说明', comment: '评价', title: '心愿标题', story: '心愿故事' };

export const HOLD_TRANSITIONS: TransitionTable<HoldStatus, HoldAction, Role> = {
  held: {
    release: { to: 'released', by: ['staff', 'admin', 'system'], label: '放行', tone: 'primary', confirm: '放行后，这段文字将公开显示。确定内容没有问题吗？' },
    refuse: { to: 'refused', by: ['staff', 'admin', 'system'], label: '不予公开', tone: 'danger', needsReason: true },
  },
  released: {},
  refused: {},
};

export function holdActions(status: HoldStatus, standing: readonly string[]): ActionView<HoldAction>[] {
  return actionViews(HOLD_TRANSITIONS, status, standing);
}

export const MODERATION_ERROR_MESSAGES = {
  HOLD_ILLEGAL_TRANSITION: '这段文字已经处理过了',
  HOLD_STATE_CHANGED: '这段文字刚被其他人处理过，请刷新',
  HOLD_FORBIDDEN: '只能审核自己负责社区的内容',
} as const;
export type ModerationErrorCode = keyof typeof MODERATION_ERROR_MESSAGES;
