/**
 * Response shapes of the events routes: the server's query/view code returns these types and the client imports them
 * from @linli/domain instead of re-typing them, so a drift fails the type-check of one side or the other.
 * Instants are ISO strings (UTC).
 */
import type { ActivityAction, ActivityQuestion, ActivityStatus, ActivityType, Answers, Audience, SignupAction, SignupStatus } from '../events';
import type { ActionView } from '../state-machine';

export interface ActivityCover {
  id: number;
  url: string;
  thumbUrl: string;
  width: number;
  height: number;
}

/** An activity as every list shows it (no description or questions). */
export interface ActivityCard {
  id: number;
  type: ActivityType;
  typeLabel: string;
  title: string;
  cover: ActivityCover | null;
  organiser: string;
  communityId: number;
  place: string;
  pointId: number | null;
  startAt: string;
  endAt: string;
  signupStartAt: string;
  signupEndAt: string;
  cancelDeadline: string;
  checkinOpensMinutes: number;
  capacity: number;
  confirmedCount: number;
  waitlistCount: number;
  remaining: number;
  audience: Audience;
  audienceLabel: string;
  audienceCommunityId: number | null;
  hours: number;
  needsCheckout: boolean;
  status: ActivityStatus;
  statusLabel: string;
  cancelReason: string | null;
  signupOpen: boolean;
  ended: boolean;
}

/** One row of the 活动 tab: the card and the viewer's own sign-up status, if any. */
export interface ActivityListItem extends ActivityCard {
  myStatus: SignupStatus | null;
  myStatusLabel: string | null;
}

/** `GET /api/events`: newest first, `nextCursor` is the last id (or null at the end). */
export interface ActivityPage {
  items: ActivityListItem[];
  nextCursor: string | null;
}

/**
 * One sign-up as its viewer sees it. `actions` are the moves this viewer may make on it now (取消报名 / 取消候补,
 * 放弃名额 for a promoted seat, 签退 for timed activities); 签到 is done by scanning, never a button.
 */
export interface SignupView {
  id: string;
  activityId: number;
  userId: number;
  status: SignupStatus;
  statusLabel: string;
  /** 1-based, while 候补 only */
  waitlistPosition: number | null;
  promoted: boolean;
  answers: Answers | null;
  checkedInAt: string | null;
  checkedOutAt: string | null;
  hours: number | null;
  /** 签退 was never scanned: the job closed the hours at the planned end (shown as such, never silently 0) */
  autoCheckedOut: boolean;
  proxy: boolean;
  actions: ActionView<SignupAction>[];
  createdAt: string;
}

/** `POST /api/events/:id/proxy-signups`: the sign-up and the (phone-only) resident it is for. */
export interface ProxySignupView extends SignupView {
  resident: { id: number; name: string; phone: string | null };
}

/** `GET /api/events/:id/proxy-signups`: the sign-ups a grid worker made for others (staff: everyone's), oldest first. */
export interface ProxySignupPage {
  items: ProxySignupView[];
  nextCursor: string | null;
}

/**
 * `GET /api/events/:id`, and what every action on the activity or on a sign-up returns
 * (`POST /api/activities/:id/actions/:action`, `POST /api/signups/:id/actions/:action`). `actions` are the
 * activity's moves for this viewer (发布 / 取消活动 for staff of its community); `mySignup` is the viewer's active
 * sign-up (null once cancelled or declined). `scene` only for those who manage it.
 */
export interface ActivityDetail extends ActivityCard {
  description: string;
  questions: ActivityQuestion[];
  canManage: boolean;
  /** the viewer may sign someone up by name and phone (grid workers; staff of its community) */
  canProxy: boolean;
  scene?: string | null;
  actions: ActionView<ActivityAction>[];
  mySignup: SignupView | null;
}

/** One row of 我的活动. */
export interface MyActivityItem {
  signup: SignupView;
  activity: ActivityCard;
}

export interface MyActivitiesPage {
  items: MyActivityItem[];
  nextCursor: string | null;
}

/** A scan at the venue (the activity's scene, or a personal code scanned by staff); a repeated scan is 'already'. */
export interface CheckinResult {
  result: 'checked_in' | 'checked_out' | 'already';
  message: string;
  /** the attendee's name, for the staff's toast */
  name: string;
  signup: SignupView;
}

export interface ActivityCounts {
  capacity: number;
  confirmedCount: number;
  remaining: number;
  signedUp: number;
  waitlisted: number;
  checkedIn: number;
  checkedOut: number;
  noShow: number;
  cancelled: number;
}

export interface AttendeeView {
  id: string;
  userId: number;
  name: string;
  /** full for staff of the activity's community, masked for others */
  phone: string | null;
  status: SignupStatus;
  statusLabel: string;
  answers: Answers | null;
  proxy: boolean;
  promoted: boolean;
  checkedInAt: string | null;
  checkedOutAt: string | null;
  hours: number | null;
  autoCheckedOut: boolean;
  createdAt: string;
}

export interface AttendeePage {
  items: AttendeeView[];
  nextCursor: string | null;
  phonesMasked: boolean;
}

/** 我的签到码: the code and its QR as a data URL. */
export interface MyCheckinCode {
  code: string;
  qr: string;
}

export interface CalendarLinks {
  feedUrl: string;
}
