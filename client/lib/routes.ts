/** Every page URL in one place, so a moved page is one edit and navigation stays typo-free. */
export const ROUTES = {
  home: '/pages/index/index',
  mine: '/pages/mine/index',
  scene: '/packages/places/pages/scene/index',
  tree: '/packages/places/pages/tree/index',
  qrcode: '/packages/places/pages/qrcode/index',
  login: '/packages/account/pages/login/index',
  messages: '/packages/account/pages/messages/index',
  privacy: '/packages/account/pages/privacy/index',
  service: '/pages/service/index',
  serviceNew: '/packages/service/pages/new/index',
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
  events: '/pages/events/index',
  eventDetail: '/packages/events/pages/detail/index',
  eventMine: '/packages/events/pages/mine/index',
  eventCode: '/packages/events/pages/code/index',
  eventCheckin: '/packages/events/pages/checkin/index',
  eventManage: '/packages/events/pages/manage/index',
  eventEdit: '/packages/events/pages/edit/index',
} as const

export const TAB_ROUTES: readonly string[] = [ROUTES.home, ROUTES.service, ROUTES.wishes, ROUTES.events, ROUTES.mine]

export function withQuery(path: string, query: Record<string, string | number | undefined | null>): string {
  const parts = Object.entries(query)
    .filter(([, v]) => v !== undefined && v !== null && v !== '')
    .map(([k, v]) => `${k}=${encodeURIComponent(String(v))}`)
  return parts.length ? `${path}?${parts.join('&')}` : path
}
