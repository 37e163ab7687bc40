'use strict';
// Every page of client/app.config.ts and who it serves, for the 适老化 check (a11y.test.js).
// `query(ids)` gives the page real records (ids read from the demo content through the API before the visits);
// `shows` is text the visit must find, so a page is measured with its data on screen, not its loading or empty state.
// `main` marks a main screen: in 大字模式 its largest text must reach 30 px.

const PUBLIC = 'public';
const RESIDENT = 'resident';
const VOLUNTEER = 'volunteer';
const GRID = 'grid_worker';
const STAFF = 'staff';
/** the demo's 系统管理员 (staff + admin): the console pages only an admin may open (categories, Open311, branches) */
const ADMIN = 'admin';

const EVERYONE = [PUBLIC, RESIDENT, VOLUNTEER, GRID, STAFF];
const SIGNED_IN = [RESIDENT, VOLUNTEER, GRID, STAFF];
const RESIDENTS = [RESIDENT, VOLUNTEER];

/** @type {Array<{ path: string, name: string, personas: string[], main?: boolean, query?: (ids: any, persona: string) => Record<string, any>, shows?: string | ((ids: any) => string) }>} */
const PAGES = [
  // main package: the tab pages and 找不到页面
  { path: '/pages/index/index', name: '首页', personas: EVERYONE, main: true },
  { path: '/pages/service/index', name: '办事', personas: EVERYONE, main: true },
  { path: '/pages/wishes/index', name: '心愿墙', personas: EVERYONE, main: true, shows: (ids) => ids.wishOpen.title },
  { path: '/pages/events/index', name: '活动', personas: EVERYONE, main: true, shows: (ids) => ids.eventOpen.title },
  { path: '/pages/mine/index', name: '我的', personas: EVERYONE, main: true },
  { path: '/pages/not-found/index', name: '找不到页面', personas: [PUBLIC], query: () => ({ path: '/pages/nope/index' }) },

  // events
  { path: '/packages/events/pages/detail/index', name: '活动详情（报名中）', personas: EVERYONE, main: true, query: (ids) => ({ id: ids.eventOpen.id }), shows: (ids) => ids.eventOpen.title },
  { path: '/packages/events/pages/detail/index', name: '活动详情（已满候补）', personas: [RESIDENT], variant: 'full', query: (ids) => ({ id: ids.eventFull.id }), shows: (ids) => ids.eventFull.title },
  { path: '/packages/events/pages/detail/index', name: '活动详情（已结束）', personas: [RESIDENT, VOLUNTEER], variant: 'ended', query: (ids) => ({ id: ids.eventEnded.id }), shows: (ids) => ids.eventEnded.title },
  { path: '/packages/events/pages/mine/index', name: '我的活动', personas: RESIDENTS, shows: (ids) => ids.eventFull.title },
  { path: '/packages/events/pages/code/index', name: '我的签到码', personas: RESIDENTS },
  { path: '/packages/events/pages/checkin/index', name: '扫码打卡', personas: [RESIDENT], query: (ids) => ({ id: ids.eventOpen.id }) },
  { path: '/packages/events/pages/manage/index', name: '活动管理', personas: [STAFF], query: (ids) => ({ id: ids.eventFull.id }), shows: '李建国' },
  { path: '/packages/events/pages/edit/index', name: '发布活动', personas: [STAFF] },
  { path: '/packages/events/pages/edit/index', name: '修改活动', personas: [STAFF], variant: 'existing', query: (ids) => ({ id: ids.eventOpen.id }) },
  { path: '/packages/events/pages/proxy/index', name: '代报名', personas: [GRID, STAFF], query: (ids) => ({ id: ids.eventOpen.id }) },

  // wishes
  { path: '/packages/wishes/pages/detail/index', name: '心愿详情（待认领）', personas: EVERYONE, main: true, query: (ids) => ({ id: ids.wishOpen.id }), shows: (ids) => ids.wishOpen.title },
  { path: '/packages/wishes/pages/detail/index', name: '心愿详情（已认领）', personas: [VOLUNTEER], variant: 'claimed', query: (ids) => ({ id: ids.wishClaimed.id }), shows: (ids) => ids.wishClaimed.title },
  { path: '/packages/wishes/pages/detail/index', name: '心愿详情（已圆梦）', personas: [RESIDENT, VOLUNTEER], variant: 'fulfilled', query: (ids) => ({ id: ids.wishDone.id }), shows: (ids) => ids.wishDone.title },
  { path: '/packages/wishes/pages/claims/index', name: '我的认领', personas: [VOLUNTEER], shows: (ids) => ids.wishClaimed.title },
  { path: '/packages/wishes/pages/ledger/index', name: '我的志愿时长', personas: [VOLUNTEER] },
  { path: '/packages/wishes/pages/record/index', name: '录入心愿', personas: [GRID] },
  { path: '/packages/wishes/pages/manage/index', name: '心愿管理', personas: [GRID, STAFF], shows: (ids) => ids.wishClaimed.title },
  { path: '/packages/wishes/pages/manage-detail/index', name: '心愿管理详情', personas: [GRID, STAFF], query: (ids) => ({ id: ids.wishClaimed.id }), shows: (ids) => ids.wishClaimed.title },
  { path: '/packages/wishes/pages/id-number/index', name: '身份证号', personas: [VOLUNTEER] },
  { path: '/packages/wishes/pages/leaderboard/index', name: '志愿排行榜', personas: [VOLUNTEER, STAFF], shows: '李*国' },
  { path: '/packages/wishes/pages/branches/index', name: '支部', personas: [STAFF] },
  { path: '/packages/wishes/pages/volunteers/index', name: '志愿者', personas: [STAFF], shows: '李建国' },
  { path: '/packages/wishes/pages/volunteer/index', name: '志愿者详情', personas: [STAFF], query: (ids) => ({ id: ids.volunteerId }), shows: '李建国' },

  // 码上办
  { path: '/packages/service/pages/new/index', name: '反映问题', personas: RESIDENTS, query: () => ({ scene: 'hy2-b12' }), shows: '六区12幢' },
  { path: '/packages/service/pages/filed/index', name: '已提交', personas: [RESIDENT], main: true, query: (ids) => ({ id: ids.ticket.id }), shows: (ids) => ids.ticket.number },
  { path: '/packages/service/pages/mine/index', name: '我反映的事', personas: [RESIDENT], shows: (ids) => ids.ticket.number },
  { path: '/packages/service/pages/detail/index', name: '诉求详情', personas: [RESIDENT, GRID, STAFF], main: true, query: (ids, persona) => ({ id: persona === GRID ? ids.workerTicket.id : ids.ticket.id }), shows: (ids) => ids.ticket.number.slice(0, 4) },
  { path: '/packages/service/pages/worker/index', name: '网格员工作台', personas: [GRID], main: true },
  { path: '/packages/service/pages/queue/index', name: '诉求队列', personas: [STAFF], main: true, shows: (ids) => ids.ticket.number },
  { path: '/packages/service/pages/board/index', name: '公开看板', personas: [PUBLIC, STAFF], main: true },

  // places
  { path: '/packages/places/pages/scene/index', name: '点位', personas: [PUBLIC, RESIDENT, GRID], main: true, query: () => ({ scene: 'hy2-b12' }), shows: '六区12幢' },
  { path: '/packages/places/pages/tree/index', name: '点位与二维码', personas: [STAFF], shows: '漕湖花园二社区' },
  { path: '/packages/places/pages/qrcode/index', name: '点位二维码', personas: [STAFF], query: () => ({ id: 3, scene: 'hy2-b12', name: '六区12幢' }), shows: '六区12幢' },

  // account
  { path: '/packages/account/pages/login/index', name: '登录', personas: [PUBLIC], shows: '张秀英' },
  { path: '/packages/account/pages/messages/index', name: '消息中心', personas: SIGNED_IN },
  { path: '/packages/account/pages/subscriptions/index', name: '消息提醒', personas: [RESIDENT, GRID, STAFF] },
  { path: '/packages/account/pages/privacy/index', name: '隐私保护指引', personas: [PUBLIC] },
  { path: '/packages/account/pages/profile/index', name: '完善资料', personas: [RESIDENT, GRID] },
  { path: '/packages/account/pages/invite/index', name: '接受邀请', personas: [PUBLIC], query: (ids) => ({ code: ids.inviteCode }) },
  { path: '/packages/account/pages/apply/index', name: '申请成为志愿者', personas: [RESIDENT] },

  // the staff console
  { path: '/packages/console/pages/index/index', name: '工作台', personas: [STAFF], main: true },
  { path: '/packages/console/pages/places/index', name: '点位管理', personas: [STAFF] },
  { path: '/packages/console/pages/sheet/index', name: '点位表', personas: [STAFF], query: (ids) => ({ gridId: ids.gridId }) },
  { path: '/packages/console/pages/people/index', name: '人员与角色', personas: [STAFF], shows: '王芳' },
  { path: '/packages/console/pages/invites/index', name: '邀请', personas: [STAFF] },
  { path: '/packages/console/pages/applications/index', name: '志愿者申请', personas: [STAFF] },
  { path: '/packages/console/pages/branches/index', name: '党支部', personas: [ADMIN] },
  { path: '/packages/console/pages/categories/index', name: '诉求分类', personas: [ADMIN], shows: '设施报修' },
  { path: '/packages/console/pages/category/index', name: '分类设置', personas: [ADMIN], query: (ids) => ({ id: ids.categoryId }) },
  { path: '/packages/console/pages/open311/index', name: 'Open311 接口', personas: [ADMIN] },
  { path: '/packages/console/pages/exports/index', name: '导出', personas: [STAFF] },
  { path: '/packages/console/pages/held/index', name: '待审核内容', personas: [STAFF] },
];

const PERSONA_LABELS = { public: '未登录', resident: '居民', volunteer: '志愿者', grid_worker: '网格员', staff: '工作人员', admin: '管理员' };

module.exports = { PAGES, PERSONA_LABELS };
