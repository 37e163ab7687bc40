import type { ActionView } from '../state-machine';
import type { HoldAction, HoldEntity, HoldReason, HoldStatus } from '../moderation';

/** One piece of held text, as staff review it (审核待发布内容). */
export interface HeldItemView {
  id: number;
  status: HoldStatus;
  statusLabel: string;
  entityType: HoldEntity;
  entityLabel: string;
  entityId: number;
  field: string;
  fieldLabel: string;
  content: string;
  reason: HoldReason;
  reasonLabel: string;
  author: { id: number; name: string } | null;
  communityName: string;
  /** automatic re-checks so far */
  checks: number;
  createdAt: string;
  decidedAt: string | null;
  /** who decided: a name, or 微信内容安全检测 for the job */
  decidedBy: string | null;
  decisionNote: string | null;
  /** the record the text belongs to, for staff (a page path with its id) */
  link: string;
  actions: ActionView<HoldAction>[];
}
