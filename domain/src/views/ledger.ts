/**
 * Response shapes of the ledger routes: the server's query/view code returns these types and the client imports them
 * from @linli/domain instead of re-typing them, so a drift fails the type-check of one side or the other.
 */

export type LedgerSourceKind = 'wish' | 'activity' | 'correction';

export interface LedgerTotals {
  hours: number;
  points: number;
  entries: number;
}

export interface LedgerEntryView {
  id: number;
  source: LedgerSourceKind;
  sourceLabel: string;
  content: string;
  hours: number;
  points: number;
  organisation: string;
  confirmedByName: string | null;
  correctsEntryId: number | null;
  /** e.g. 未签退，按计划结束时间结算 — printed in the record's 备注 too */
  remark: string | null;
  createdAt: string;
}

/** `GET /api/ledger/me`: 我的志愿时长, newest first, keyset by entry id. */
export interface MyLedger {
  totals: LedgerTotals;
  items: LedgerEntryView[];
  nextCursor: number | null;
  /** the registered 公民身份号码, masked (the full number is never stored) */
  idNumber: string | null;
  /** the 支部 whose secretary I am (they open the 支部党员认领 view) */
  secretaryOf: string[];
}

/** `GET /api/ledger/branches`: 支部党员认领 — which party members fulfilled which wishes, by branch. */
export interface BranchReport {
  /** staff of communities (admin: all) see every branch whose members fulfilled their wishes; a secretary, their own */
  viewer: 'staff' | 'secretary';
  branches: Array<{
    branch: string;
    wishCount: number;
    /** the members' volunteer hours, all sources, corrections included */
    hours: number;
    members: Array<{ userId: number; name: string; hours: number; wishes: Array<{ id: number; title: string; displayName: string; confirmedAt: string | null }> }>;
  }>;
}

/** One volunteer in staff's list (`GET /api/ledger/volunteers`). */
export interface VolunteerRow {
  userId: number;
  name: string;
  phone: string | null;
  communityName: string | null;
  isPartyMember: boolean;
  branch: string | null;
  hours: number;
  points: number;
}

export interface VolunteerPage {
  items: VolunteerRow[];
  nextCursor: number | null;
}

/** `GET /api/ledger/volunteers/:id`: one volunteer's record as staff (or the branch secretary) see it. */
export interface VolunteerLedger {
  volunteer: VolunteerRow & { idNumber: string | null };
  totals: LedgerTotals;
  items: LedgerEntryView[];
  nextCursor: number | null;
  /** staff of the volunteer's community, admin: may add corrections and download the record */
  canCorrect: boolean;
  canExport: boolean;
}

/** `GET /api/ledger/leaderboard`: hours by community and the top volunteers, names masked. */
export interface Leaderboard {
  communities: Array<{ communityId: number; name: string; hours: number; volunteers: number }>;
  volunteers: Array<{ rank: number; name: string; hours: number; points: number }>;
}

/** `POST /api/ledger/corrections`: the new entry and the volunteer's totals after it. */
export interface LedgerCorrection {
  id: number;
  userId: number;
  totals: LedgerTotals;
}

/** `POST /api/ledger/me/id-number`: the number as stored (masked). */
export interface LedgerIdNumber {
  idNumber: string;
}
