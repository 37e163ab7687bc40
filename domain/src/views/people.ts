import type { ActionView } from '../state-machine';
import type { Role } from '../roles';
import type { ApplicationAction, ApplicationStatus, InviteRole, InviteStatus } from '../people';

/** An invite as staff see it in the console (and, without `qr`, in lists). */
export interface InviteView {
  id: number;
  /** as printed: K7QM-3XPA */
  code: string;
  role: InviteRole;
  isPartyMember: boolean;
  /** 网格员 / 工作人员 / 党员志愿者 / 志愿者 */
  roleLabel: string;
  /** where: the grid, the community or the branch */
  target: string;
  note: string | null;
  status: InviteStatus;
  statusLabel: string;
  expiresAt: string;
  createdAt: string;
  createdBy: string;
  usedBy: string | null;
  usedAt: string | null;
  /** a PNG (H5 QR) or JPEG (小程序码) as a data URL; only in the answer to create and to `GET /invites/:id` */
  qr?: string;
}

/** What the person invited sees before accepting. */
export interface InvitePreview {
  code: string;
  roleLabel: string;
  target: string;
  invitedBy: string;
  status: InviteStatus;
  statusLabel: string;
  expiresAt: string;
  /** already holds exactly this */
  alreadyHeld: boolean;
}

export interface ApplicationView {
  id: number;
  status: ApplicationStatus;
  statusLabel: string;
  isPartyMember: boolean;
  branch: string | null;
  note: string | null;
  reason: string | null;
  createdAt: string;
  decidedAt: string | null;
  applicant: { id: number; name: string; phone: string | null; building: string | null };
  communityName: string;
  actions: ActionView<ApplicationAction>[];
}

export interface PersonView {
  id: number;
  name: string;
  /** masked */
  phone: string | null;
  roles: Role[];
  isPartyMember: boolean;
  branch: string | null;
  communityName: string | null;
  building: string | null;
  /** the grids they are on duty for, within the viewer's scope */
  grids: Array<{ id: number; name: string }>;
  /** the communities they are staff of, within the viewer's scope */
  staffOf: Array<{ id: number; name: string }>;
  /** roles the viewer may remove from them */
  removable: Role[];
}

export interface BranchView {
  id: number;
  name: string;
  communityId: number | null;
  communityName: string | null;
  secretary: { id: number; name: string } | null;
  members: number;
}

export interface CursorPage<T> {
  items: T[];
  nextCursor: string | null;
}
