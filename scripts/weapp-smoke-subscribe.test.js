/**
 * Subscribe messages in the REAL WeChat output (same harness as the other weapp smoke tests): tapping 提交, 认领 and
 * 报名 must call wx.requestSubscribeMessage synchronously inside the tap — WeChat refuses the dialog once an await
 * has passed — with the template ids of that action (from GET /api/notifications/templates, fetched when the page
 * opened), and then post only the accepted ids. Also renders 消息提醒 and the workbench's 新派单提醒 switch.
 */
const fs = require('fs')
const path = require('path')
const { useWeappSim, DIST, API_BASE } = require('./lib/weapp-sim')

const TEMPLATES = {
  ticket_progress: 'tpl-progress', task_assigned: 'tpl-task', ticket_overdue: 'tpl-overdue', wish_claim_reminder: 'tpl-claim', wish_confirmed: 'tpl-confirmed',
  event_signup: 'tpl-signup', event_promoted: 'tpl-promoted', event_reminder: 'tpl-reminder', event_cancelled: 'tpl-cancelled', invite_accepted: 'tpl-invite',
}
const USER = {
  id: 3, name: '李建国', roles: ['resident', 'volunteer', 'grid_worker'], phone: '139****5678', isPartyMember: true, branch: null, communityId: 2, communityName: '漕湖花园二社区', grids: [], communities: [],
}
const RESOLVED_SCENE = {
  scene: 'p.x7k2m9', point: { id: 11, name: '安置小区公共充电站', kind: 'charger', address: null }, grid: { id: 5, name: '第三网格' },
  community: { id: 2, name: '漕湖花园二社区', kind: 'community' }, street: { id: 1, name: '漕湖街道' }, gridWorker: { id: 7, name: '王芳', phone: '13912345678' },
}
const CATEGORIES = [{ id: 1, code: 'sanitation', name: '环境卫生', icon: '🧹', hint: '垃圾堆放', slaHours: 24, signForHours: 4, sortOrder: 1, attributes: [], active: true }]
const WISH = {
  id: 5, title: '想要一台收音机', story: '奶奶一个人住，喜欢听评弹。', type: 'goods', typeLabel: '物资', estimatedValue: 120, photos: [],
  wishBy: '2030-01-10', daysLeft: 5, displayName: '王奶奶 · 漕湖花园二社区', communityId: 2, communityName: '漕湖花园二社区',
  status: 'published', statusLabel: '待认领', partyPriority: false, claimedByMe: false, publishedAt: '2030-01-01T00:00:00Z',
  actions: [{ action: 'claim', label: '认领这个心愿', needsReason: false, tone: 'primary', confirm: '确定认领吗？' }],
}
const ACTIVITY = {
  id: 7, type: 'volunteer', typeLabel: '志愿服务', title: '敬老院送餐', cover: null, organiser: '第一党支部', communityId: 2, place: '漕湖敬老院',
  startAt: '2031-05-01T06:00:00.000Z', endAt: '2031-05-01T08:00:00.000Z', signupStartAt: '2031-04-01T00:00:00.000Z', signupEndAt: '2031-05-01T06:00:00.000Z',
  cancelDeadline: '2031-05-01T06:00:00.000Z', capacity: 10, confirmedCount: 3, waitlistCount: 0, remaining: 7, audience: 'all', audienceLabel: '所有人', hours: 2,
  pointId: null, checkinOpensMinutes: 30, audienceCommunityId: null, needsCheckout: true, status: 'published', statusLabel: '已发布', cancelReason: null,
  signupOpen: true, ended: false, myStatus: null, myStatusLabel: null, description: '为老人送午餐', canManage: false, canProxy: false, scene: null, mySignup: null, questions: [], actions: [],
}
const GRANTS = { items: Object.entries(TEMPLATES).map(([purpose, templateId]) => ({ purpose, templateId, remaining: purpose === 'task_assigned' ? 2 : 0 })) }

const TREE = [{ id: 1, name: '漕湖街道', communities: [{ id: 2, name: '漕湖花园二社区', kind: 'community', grids: [{ id: 5, name: '第三网格', worker: null, points: [] }] }] }]
const INVITE = { id: 9, code: 'K7QM-3XPA', role: 'grid_worker', isPartyMember: false, roleLabel: '网格员', target: '漕湖花园二社区 · 第三网格', note: null, status: 'open', statusLabel: '待接受', expiresAt: '2031-05-08T00:00:00.000Z', createdAt: '2031-05-01T00:00:00.000Z', createdBy: '李建国', usedBy: null, usedAt: null, qr: 'data:image/png;base64,iVBORw0KGgo=' }

function respond(p, method) {
  if (p.startsWith('/api/places/tree')) return { statusCode: 200, data: TREE }
  if (p.startsWith('/api/branches')) return { statusCode: 200, data: [] }
  if (method === 'POST' && p === '/api/invites') return { statusCode: 201, data: INVITE }
  if (p.startsWith('/api/invites')) return { statusCode: 200, data: { items: [], nextCursor: null } }
  if (p === '/api/notifications/templates') return { statusCode: 200, data: TEMPLATES }
  if (p.startsWith('/api/notifications/subscriptions')) return { statusCode: method === 'POST' ? 201 : 200, data: method === 'POST' ? { granted: [] } : GRANTS }
  if (p.startsWith('/api/notifications/unread-count')) return { statusCode: 200, data: { count: 0 } }
  if (p.startsWith('/api/places/scene/')) return { statusCode: 200, data: RESOLVED_SCENE }
  if (p.startsWith('/api/service/categories')) return { statusCode: 200, data: CATEGORIES }
  if (p.startsWith('/api/service/points/')) return { statusCode: 200, data: [] }
  if (method === 'POST' && p === '/api/service/tickets') return { statusCode: 201, data: { id: 42, number: 'MSB-20261128-0042' } }
  if (p.startsWith('/api/service/tickets/worker')) return { statusCode: 200, data: { counts: { pending: 0, working: 0, overdue: 0 }, items: [] } }
  if (method === 'POST' && p.startsWith('/api/wishes/5/')) return { statusCode: 201, data: { ...WISH, status: 'claimed', statusLabel: '已认领', actions: [] } }
  if (p.startsWith('/api/wishes/5')) return { statusCode: 200, data: WISH }
  if (method === 'POST' && p.startsWith('/api/events/7/')) return { statusCode: 201, data: { id: '11', status: 'confirmed' } }
  if (p.startsWith('/api/events/7')) return { statusCode: 200, data: ACTIVITY }
}

// Taro binds wx.* when its runtime loads (in the harness's beforeAll), so stable stubs go in now and delegate to
// what each test installs.
require('miniprogram-simulate')
const stubs = { subscribe: null, modal: null }
wx.requestSubscribeMessage = (opts) => stubs.subscribe(opts)
wx.showModal = (opts) => stubs.modal(opts)

const { until, renderPage, byClass } = useWeappSim({ respond, session: { token: 'tok-volunteer', user: USER, role: 'resident', elderMode: false } })

// A page's taps all go through its `eh` method (Taro's event handler, bound as bindtap="eh"): wrapped, it tells the
// subscribe stub whether it was called while the tap's handler was still running, i.e. before any await.
let inTap = 0
beforeAll(() => {
  const page = global.Page
  global.Page = (opts) => {
    const eh = opts.eh
    if (typeof eh === 'function') {
      opts.eh = function (...args) {
        inTap++
        try {
          return eh.apply(this, args)
        } finally {
          inTap--
        }
      }
    }
    return page(opts)
  }
})

const requests = () => wx.request.mock.calls.map((c) => ({ url: c[0].url.replace(API_BASE, ''), method: c[0].method || 'GET', data: c[0].data }))
const body = (data) => (typeof data === 'string' ? JSON.parse(data) : data)

/** Records the subscribe request and what had been sent before it; the person accepts the first id only. */
function stubSubscribe() {
  const seen = []
  let modals = 0
  stubs.subscribe = jest.fn((opts) => {
    seen.push({ tmplIds: opts.tmplIds, inTap: inTap > 0, requestsBefore: wx.request.mock.calls.length, modalsBefore: modals })
    const res = Object.fromEntries(opts.tmplIds.map((id, i) => [id, i === 0 ? 'accept' : 'reject']))
    setTimeout(() => opts.success && opts.success({ ...res, errMsg: 'requestSubscribeMessage:ok' }), 0)
  })
  stubs.modal = (opts) => {
    modals++
    setTimeout(() => opts.success && opts.success({ confirm: true, cancel: false, errMsg: 'showModal:ok' }), 0)
  }
  wx.showToast = jest.fn((opts) => opts && opts.success && opts.success({ errMsg: 'showToast:ok' }))
  wx.redirectTo = jest.fn((opts) => opts && opts.success && opts.success({ errMsg: 'redirectTo:ok' }))
  return seen
}

async function templatesLoaded() {
  await until(() => requests().some((r) => r.url === '/api/notifications/templates'), 'GET /api/notifications/templates')
  await new Promise((r) => setTimeout(r, 50))
}

/** Taps `el`; the subscribe dialog must be asked for once, while the page's tap handler is still on the stack. */
async function tapSync(el, seen) {
  const before = seen.length
  const requestsAtTap = wx.request.mock.calls.length
  el.dispatchEvent('tap')
  await until(() => seen.length > before, 'wx.requestSubscribeMessage')
  expect(seen.length).toBe(before + 1)
  expect(seen[before].inTap).toBe(true)
  // and nothing was sent between the tap and the dialog
  expect(seen[before].requestsBefore).toBe(requestsAtTap)
  return seen[before]
}

async function postedGrant(after) {
  await until(() => requests().slice(after).some((r) => r.method === 'POST' && r.url === '/api/notifications/subscriptions'), 'POST /api/notifications/subscriptions')
  return body(requests().slice(after).find((r) => r.method === 'POST' && r.url === '/api/notifications/subscriptions').data)
}

describe('weapp build: subscribe messages asked for inside the tap', () => {
  it('should put 消息提醒 in packages/account', () => {
    const app = JSON.parse(fs.readFileSync(path.join(DIST, 'app.json'), 'utf8'))
    expect(app.subPackages.find((s) => s.root === 'packages/account').pages).toContain('pages/subscriptions/index')
  })

  it('should ask for 办理进度 when 提交 is tapped, then post the accepted id and file the matter', async () => {
    const seen = stubSubscribe()
    const form = await renderPage('packages/service/pages/new/index', { scene: 'p.x7k2m9', categoryId: '1' }, '安置小区公共充电站')
    await templatesLoaded()
    byClass(form, 'svc-textarea').dispatchEvent('input', { detail: { value: '垃圾桶满了没人清' } })
    await new Promise((r) => setTimeout(r, 50))
    const start = requests().length
    const asked = await tapSync(byClass(form, 'svc-big'), seen)
    expect(asked.tmplIds).toEqual(['tpl-progress'])
    expect(await postedGrant(start)).toEqual({ accepted: ['tpl-progress'] })
    await until(() => requests().some((r) => r.method === 'POST' && r.url === '/api/service/tickets'), 'POST /api/service/tickets')
  })

  it('should ask for the claim reminders before the confirmation when 认领 is tapped, and post only what was accepted', async () => {
    const seen = stubSubscribe()
    const detail = await renderPage('packages/wishes/pages/detail/index', { id: '5' }, '认领这个心愿')
    await templatesLoaded()
    const start = requests().length
    const asked = await tapSync(byClass(detail, 'action-bar__btn'), seen)
    expect(asked.tmplIds).toEqual(['tpl-claim', 'tpl-confirmed'])
    expect(asked.modalsBefore).toBe(0) // asked before the 确定认领吗？ dialog
    expect(await postedGrant(start)).toEqual({ accepted: ['tpl-claim'] })
    await until(() => requests().some((r) => r.method === 'POST' && r.url.startsWith('/api/wishes/5/')), 'the claim')
  })

  it('should ask for at most three activity templates when 报名 is tapped, then post the accepted one', async () => {
    const seen = stubSubscribe()
    const detail = await renderPage('packages/events/pages/detail/index', { id: '7' }, '敬老院送餐')
    await templatesLoaded()
    const start = requests().length
    const asked = await tapSync(byClass(detail, 'ev-detail__join'), seen)
    expect(asked.tmplIds).toEqual(['tpl-signup', 'tpl-promoted', 'tpl-reminder'])
    expect(await postedGrant(start)).toEqual({ accepted: ['tpl-signup'] })
    await until(() => requests().some((r) => r.method === 'POST' && r.url.startsWith('/api/events/7/')), 'the sign-up')
  })

  it('should ask to be told when the invite is accepted when 生成邀请 is tapped, then create it', async () => {
    const seen = stubSubscribe()
    const page = await renderPage('packages/console/pages/invites/index', {}, '发出邀请')
    await templatesLoaded()
    const start = requests().length
    const asked = await tapSync(byClass(page, 'cs-invites__create'), seen)
    expect(asked.tmplIds).toEqual(['tpl-invite'])
    expect(await postedGrant(start)).toEqual({ accepted: ['tpl-invite'] })
    await until(() => requests().some((r) => r.method === 'POST' && r.url === '/api/invites'), 'POST /api/invites')
  })

  it('should show the grants on 消息提醒 and ask again on tap; the workbench has 新派单提醒 on', async () => {
    const seen = stubSubscribe()
    const page = await renderPage('packages/account/pages/subscriptions/index', {}, '活动提醒')
    expect(page.dom.textContent).toContain('新派单提醒')
    expect(page.dom.textContent).toContain('还可提醒 2 次')
    await templatesLoaded()
    const asked = await tapSync(byClass(page, 'subs-item--event_reminder'), seen)
    expect(asked.tmplIds).toEqual(['tpl-reminder'])
    const desk = await renderPage('packages/service/pages/worker/index', {}, '新派单提醒')
    await until(() => desk.dom.textContent.includes('还可提醒 2 次'), '新派单提醒 on')
    const onDesk = await tapSync(byClass(desk, 'svc-worker__reminder'), seen)
    expect(onDesk.tmplIds).toEqual(['tpl-task', 'tpl-overdue'])
  })
})
