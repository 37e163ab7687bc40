const tabs = [
  { pagePath: 'pages/index/index', text: '首页', icon: 'home' },
  { pagePath: 'pages/service/index', text: '办事', icon: 'service' },
  { pagePath: 'pages/wishes/index', text: '心愿', icon: 'wishes' },
  { pagePath: 'pages/events/index', text: '活动', icon: 'events' },
  { pagePath: 'pages/mine/index', text: '我的', icon: 'mine' },
]

const subPackages = [
  {
    root: 'packages/events',
    pages: ['pages/detail/index', 'pages/mine/index', 'pages/code/index', 'pages/checkin/index', 'pages/manage/index', 'pages/edit/index', 'pages/proxy/index'],
  },
  {
    root: 'packages/wishes',
    pages: ['pages/detail/index', 'pages/claims/index', 'pages/ledger/index', 'pages/record/index', 'pages/manage/index', 'pages/manage-detail/index', 'pages/id-number/index', 'pages/leaderboard/index', 'pages/branches/index', 'pages/volunteers/index', 'pages/volunteer/index'],
  },
  {
    root: 'packages/service',
    pages: ['pages/new/index', 'pages/filed/index', 'pages/mine/index', 'pages/detail/index', 'pages/worker/index', 'pages/queue/index', 'pages/board/index'],
  },
  {
    root: 'packages/places',
    pages: ['pages/scene/index', 'pages/tree/index', 'pages/qrcode/index'],
  },
  {
    root: 'packages/account',
    pages: ['pages/login/index', 'pages/messages/index', 'pages/subscriptions/index', 'pages/privacy/index', 'pages/profile/index', 'pages/invite/index', 'pages/apply/index'],
  },
  {
    // The staff console: places, people, invites (lead); categories, Open311 keys, exports (service helpers add theirs).
    root: 'packages/console',
    pages: [
      'pages/index/index',
      'pages/places/index',
      'pages/sheet/index',
      'pages/people/index',
      'pages/invites/index',
      'pages/applications/index',
      'pages/held/index',
      'pages/branches/index',
      'pages/categories/index',
      'pages/category/index',
      'pages/open311/index',
      'pages/exports/index',
    ],
  },
]

export default defineAppConfig({
  // 找不到页面 lives in the main package: an unknown address must not wait for a subpackage to load.
  pages: [...tabs.map((t) => t.pagePath), 'pages/not-found/index'],
  subPackages,
  window: {
    backgroundTextStyle: 'dark',
    backgroundColor: '#f5f6f8',
    navigationBarBackgroundColor: '#c8102e',
    navigationBarTitleText: '邻里',
    navigationBarTextStyle: 'white',
  },
  tabBar: {
    // The label's colour on white: #5c6270 keeps 4.5 : 1 (#8a8f99 was 3.3 : 1).
    color: '#5c6270',
    selectedColor: '#c8102e',
    backgroundColor: '#ffffff',
    borderStyle: 'white',
    list: tabs.map((t) => ({
      pagePath: t.pagePath,
      text: t.text,
      iconPath: `assets/tabbar/${t.icon}.png`,
      selectedIconPath: `assets/tabbar/${t.icon}-active.png`,
    })),
  },
  // WeChat shows the 隐私保护指引 flow only to apps that opt in; see components/PrivacyConsent.
  __usePrivacyCheck__: true,
  // Location APIs must be declared or WeChat refuses them silently: the map picker for a point, the check-in fallback.
  requiredPrivateInfos: ['chooseLocation', 'getLocation'],
  // What WeChat shows when it asks for the location (the check-in fallback, the map picker for a point).
  permission: { 'scope.userLocation': { desc: '用于网格员到场打卡和标注点位位置' } },
  // Staff and grid-worker pages stay out of WeChat search (client/sitemap.json, copied by config/index.ts).
  sitemapLocation: 'sitemap.json',
  lazyCodeLoading: 'requiredComponents',
} as Parameters<typeof defineAppConfig>[0])
