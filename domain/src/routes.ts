/**
 * Every page of the app in one typed table, used by the client to navigate and by the server for notification and
 * subscribe-message `page` values. A moved page is one edit; a link to a page that does not exist cannot be written.
 * `server/test` walks every link the server can emit and checks its page is listed in `client/app.config.ts`.
 */
export const ROUTES = {
  home: '/pages/index/index',
  /** an address that is no page of the app (a mistyped or outdated link) */
  notFound: '/pages/not-found/index',
  mine: '/pages/mine/index',
  scene: '/packages/places/pages/scene/index',
  tree: '/packages/places/pages/tree/index',
  qrcode: '/packages/places/pages/qrcode/index',
  login: '/packages/account/pages/login/index',
  messages: '/packages/account/pages/messages/index',
  /** 消息提醒: the subscribe-message grants per purpose, asked again on tap */
  subscriptions: '/packages/account/pages/subscriptions/index',
  privacy: '/packages/account/pages/privacy/index',
  profile: '/packages/account/pages/profile/index',
  inviteAccept: '/packages/account/pages/invite/index',
  apply: '/packages/account/pages/apply/index',
  service: '/pages/service/index',
  serviceNew: '/packages/service/pages/new/index',
  /** 已提交: after filing, the number, what happens next and the way to the ticket */
  serviceFiled: '/packages/service/pages/filed/index',
  serviceMine: '/packages/service/pages/mine/index',
  serviceDetail: '/packages/service/pages/detail/index',
  serviceWorker: '/packages/service/pages/worker/index',
  serviceQueue: '/packages/service/pages/queue/index',
  serviceBoard: '/packages/service/pages/board/index',
  wishes: '/pages/wishes/index',
  wishDetail: '/packages/wishes/pages/detail/index',
  wishClaims: '/packages/wishes/pages/claims/index',
  wishLedger: '/packages/wishes/pages/ledger/index',
  wishRecord: '/packages/wishes/pages/record/index',
  wishManage: '/packages/wishes/pages/manage/index',
  wishManageDetail: '/packages/wishes/pages/manage-detail/index',
  wishIdNumber: '/packages/wishes/pages/id-number/index',
  wishLeaderboard: '/packages/wishes/pages/leaderboard/index',
  wishBranches: '/packages/wishes/pages/branches/index',
  wishVolunteers: '/packages/wishes/pages/volunteers/index',
  wishVolunteer: '/packages/wishes/pages/volunteer/index',
  events: '/pages/events/index',
  eventDetail: '/packages/events/pages/detail/index',
  eventMine: '/packages/events/pages/mine/index',
  eventCode: '/packages/events/pages/code/index',
  eventCheckin: '/packages/events/pages/checkin/index',
  eventManage: '/packages/events/pages/manage/index',
  eventEdit: '/packages/events/pages/edit/index',
  eventProxy: '/packages/events/pages/proxy/index',
  console: '/packages/console/pages/index/index',
  consolePlaces: '/packages/console/pages/places/index',
  consoleSheet: '/packages/console/pages/sheet/index',
  consolePeople: '/packages/console/pages/people/index',
  consoleInvites: '/packages/console/pages/invites/index',
  consoleApplications: '/packages/console/pages/applications/index',
  /** 待审核内容: public text held because WeChat's content check could not pass it */
  consoleHeld: '/packages/console/pages/held/index',
  consoleBranches: '/packages/console/pages/branches/index',
  consoleCategories: '/packages/console/pages/categories/index',
  consoleCategory: '/packages/console/pages/category/index',
  consoleOpen311: '/packages/console/pages/open311/index',
  consoleExports: '/packages/console/pages/exports/index',
} as const;

export type RouteName = keyof typeof ROUTES;
export type RoutePath = (typeof ROUTES)[RouteName];

export const TAB_ROUTES: readonly RoutePath[] = [ROUTES.home, ROUTES.service, ROUTES.wishes, ROUTES.events, ROUTES.mine];

export type Query = Record<string, string | number | boolean | undefined | null>;

export function withQuery(path: string, query: Query = {}): string {
  const parts = Object.entries(query)
    .filter(([, v]) => v !== undefined && v !== null && v !== '')
    .map(([k, v]) => `${k}=${encodeURIComponent(String(v))}`);
  return parts.length ? `${path}?${parts.join('&')}` : path;
}

/** A deep link by page name: `link('wishDetail', { id: 3 })` → `/packages/wishes/pages/detail/index?id=3`. */
export function link(name: RouteName, query: Query = {}): string {
  return withQuery(ROUTES[name], query);
}

/** The page part of a link (without the query), for checks and for WeChat's `page` (which has no leading slash). */
export function linkPath(l: string): string {
  return l.split('?')[0];
}

/** WeChat's `page` parameter (getwxacodeunlimit, subscribe messages): the path without its leading slash. */
export function wechatPage(name: RouteName): string {
  return ROUTES[name].slice(1);
}
