/**
 * `GET /api/home?role=`: what the 首页 shows the person in the role they act in now — a few counts and the first
 * rows of what waits for them, each within their own scope. The server's home queries return these types and the
 * client imports them from @linli/domain. Instants are ISO strings (UTC).
 */
import type { SignupStatus } from '../events';
import type { TicketStatus } from '../service-requests';
import type { WishStatus } from '../wishes';
import type { LedgerTotals } from './ledger';

/** The first rows of a list and how many there are in all (the home page shows a few and links to the rest). */
export interface HomeList<T> {
  items: T[];
  total: number;
}

/** 我的诉求 that is not finished: a ticket I filed, not closed, rated, rejected or merged. */
export interface HomeMatter {
  id: number;
  number: string;
  status: TicketStatus;
  statusLabel: string;
  category: { name: string; icon: string } | null;
  description: string;
  /** 已办结 and waiting for me to confirm or reopen */
  awaitingMe: boolean;
  overdue: boolean;
  updatedAt: string;
}

/** One of my sign-ups for an activity that has not ended yet. */
export interface HomeSignup {
  activityId: number;
  title: string;
  place: string;
  startAt: string;
  endAt: string;
  status: SignupStatus;
  statusLabel: string;
}

/** A wish I hold: 已认领 with the claim's expiry, or 待确认 (proof uploaded, the grid worker confirms). */
export interface HomeClaim {
  id: number;
  title: string;
  displayName: string;
  status: WishStatus;
  statusLabel: string;
  /** when the claim runs out (已认领 only); the page counts down to it */
  expiresAt: string | null;
}

/** An activity of my communities that starts soon. */
export interface HomeActivity {
  id: number;
  title: string;
  place: string;
  startAt: string;
  capacity: number;
  confirmedCount: number;
  waitlistCount: number;
}

export interface ResidentHome {
  role: 'resident';
  matters: HomeList<HomeMatter>;
  activities: HomeList<HomeSignup>;
}

export interface VolunteerHome {
  role: 'volunteer';
  claims: HomeList<HomeClaim> & { limit: number };
  hours: LedgerTotals;
  activities: HomeList<HomeSignup>;
}

/**
 * The worker's three piles, the same sets as the workbench's tabs (`GET /api/service/tickets/worker`), so the number
 * on the home page is the number of rows one tap away: 待签收 = dispatched to me; 处置中 = signed or on site;
 * 已超时 = signed or on site past the category's time limit, or dispatched and not signed for in time.
 */
export interface GridWorkerHome {
  role: 'grid_worker';
  grids: Array<{ id: number; name: string; communityName: string }>;
  tasks: { pending: number; working: number; overdue: number };
}

/** The staff queue's piles (same counters as its tab badges), wishes waiting for review, activities in the next days. */
export interface StaffHome {
  role: 'staff' | 'admin';
  /** the communities counted; null for the admin, who sees the whole street */
  communities: Array<{ id: number; name: string }> | null;
  queue: {
    counts: Partial<Record<TicketStatus, number>>;
    /** every ticket not yet finished (待受理 through 处置中) */
    open: number;
    /** of those, past their time limit or not signed for in time (the queue's 已超时, `?late=1`) */
    overdue: number;
  };
  wishesToReview: number;
  /** published activities starting within `soonDays` days, soonest first */
  activitiesSoon: HomeList<HomeActivity> & { soonDays: number };
}

export type HomeSummary = ResidentHome | VolunteerHome | GridWorkerHome | StaffHome;
