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
  createdAt: string;
}

/** `GET /api/ledger/me`: 我的志愿时长, newest first, keyset by entry id. */
export interface MyLedger {
  totals: LedgerTotals;
  items: LedgerEntryView[];
  nextCursor: number | null;
}

/** `GET /api/ledger/branches`: 支部党员认领 — which party members fulfilled which wishes, by branch. */
export interface BranchReport {
  branches: Array<{
    branch: string;
    wishCount: number;
    members: Array<{ userId: number; name: string; wishes: Array<{ id: number; title: string; displayName: string; confirmedAt: string | null }> }>;
  }>;
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
