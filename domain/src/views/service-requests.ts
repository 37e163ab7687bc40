/**
 * Response shapes of the 码上办 routes: the server's queries return these types and the client imports them from
 * @linli/domain instead of re-typing them, so a drift fails the type-check of one side or the other.
 * Instants are ISO-8601 strings (UTC).
 */
import type { ActionView } from '../state-machine';
import type { TicketAction, TicketAttribute, TicketStatus } from '../service-requests';

export interface TicketCategory {
  id: number;
  code: string;
  name: string;
  icon: string;
  hint: string;
  slaHours: number;
  /** hours a dispatched ticket may wait to be signed for before it is flagged and escalated */
  signForHours: number;
  sortOrder: number;
  attributes: TicketAttribute[];
  active: boolean;
}

export interface TicketPhoto {
  id: number;
  url: string;
  thumbUrl: string;
}

/** A list row anyone may see: no contact, no name, no photos. */
export interface TicketSummary {
  id: number;
  number: string;
  status: TicketStatus;
  statusLabel: string;
  category: { id: number; name: string; icon: string } | null;
  description: string;
  followerCount: number;
  overdue: boolean;
  /** dispatched and not signed for within the category's sign-for hours: escalated to staff */
  signOverdue: boolean;
  createdAt: string;
  updatedAt: string;
  dueAt: string | null;
}

/** A row of 我的诉求, the staff queue and the 同问 list at a point. */
export interface TicketListItem extends TicketSummary {
  isMine: boolean;
  following: boolean;
  communityName?: string;
}

/** A row of the grid worker's task list. */
export interface TicketTask extends TicketSummary {
  point: { name: string; address: string | null };
}

export interface TicketTimelineEntry {
  id: string;
  action: string;
  label: string;
  fromStatus: string | null;
  toStatus: string | null;
  actorRole: string;
  note: string | null;
  photos: TicketPhoto[];
  at: string;
}

export interface TicketDetail extends TicketSummary {
  access: 'full' | 'public';
  isOwner: boolean;
  following: boolean;
  canFollow: boolean;
  /** id 0: filed through Open311 by coordinates far from every point (see `triage`) */
  point: { id: number; name: string; scene?: string; address: string | null; lat: number | null; lng: number | null };
  /** community: far from every point, sent to the nearest community's triage queue; street: to the street's own */
  triage: 'community' | 'street' | null;
  /** Open311 `address_string`, as the client sent it (staff and the requester see it) */
  addressString: string | null;
  grid: { id: number; name: string };
  community: { id: number; name: string };
  requesterName: string | null;
  anonymous: boolean;
  contact: { name: string; phone: string | null; canReveal: boolean } | null;
  photos: TicketPhoto[];
  attributes: Record<string, unknown>;
  assignee: { id: number; name: string } | null;
  source: 'miniapp' | 'open311';
  resolutionNote: string | null;
  rating: number | null;
  ratingComment: string | null;
  reopenCount: number;
  signedAt: string | null;
  resolvedAt: string | null;
  closedAt: string | null;
  mergedInto: { id: number; number: string } | null;
  /** What this viewer may do now, from `ticketActions` with their standing towards this ticket. */
  actions: ActionView<TicketAction>[];
  timeline: TicketTimelineEntry[];
}

export interface TicketPage<T = TicketListItem> {
  items: T[];
  nextCursor: number | null;
}

export interface TicketQueue extends TicketPage {
  /** Tab badges: tickets per status in the viewer's communities. */
  counts: Record<string, number>;
  /** open tickets past their SLA or not signed for in time (the 已超时 filter, `late=true`) */
  late: number;
}

export interface WorkerTasks {
  counts: { pending: number; working: number; overdue: number };
  items: TicketTask[];
}

/** A grid worker the dispatch picker offers: on duty in a grid of the ticket's community, or living there. */
export interface GridWorkerOption {
  id: number;
  name: string;
  /** masked */
  phone: string | null;
  grids: string[];
  /** the grid of the ticket (a worker there is the natural pick) */
  onTicketGrid: boolean;
}

export interface GridWorkerPage {
  items: GridWorkerOption[];
  nextCursor: number | null;
}

/** An Open311 api_key as the console lists it: never the key itself after it was issued. */
export interface Open311KeyView {
  id: number;
  name: string;
  /** the first characters, to tell keys apart */
  prefix: string;
  active: boolean;
  createdAt: string;
  revokedAt: string | null;
}

/** The answer to issuing a key: the only time `apiKey` is shown. */
export interface Open311KeyIssued extends Open311KeyView {
  apiKey: string;
}

export interface BoardStats {
  total: number;
  byStatus: Record<string, number>;
  responseRate: number | null;
  resolutionRate: number | null;
  satisfactionRate: number | null;
  avgHandlingHours: number | null;
  samples: { dispatched: number; handled: number; rated: number };
}

/** The public 三率 board: counts and rates only. */
export interface TicketBoardView {
  period: { from: string; to: string };
  filter: { communityId: number | null; categoryId: number | null };
  statusLabels: Record<string, string>;
  overall: BoardStats;
  byCommunity: Array<BoardStats & { id: number; name: string }>;
  byCategory: Array<BoardStats & { id: number; name: string; icon: string }>;
  trend: Array<{ day: string; filed: number; resolved: number }>;
  communities: Array<{ id: number; name: string }>;
  categories: Array<{ id: number; name: string }>;
}
