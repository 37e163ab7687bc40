/**
 * 待审核内容 (packages/console/pages/held) in the REAL WeChat output: dist/weapp in miniprogram-simulate with the
 * official wcc compiler, signed in as staff, wx.request answered with HeldItemView JSON (domain/src/views/moderation.ts)
 * whose buttons come from the same holdActions the server uses. Build first: npm run build:weapp.
 */
const { useWeappSim } = require('./lib/weapp-sim')
const { holdActions } = require('../domain/dist')

const STAFF = {
  id: 3, name: '陈静', roles: ['staff'], phone: '137****3333', isPartyMember: false, branch: null,
  communityId: 2, communityName: '漕湖花园二社区', building: null, profileMissing: [], grids: [], communities: [{ id: 2, name: '漕湖花园二社区' }],
}
const HELD = {
  id: 41, status: 'held', statusLabel: '待审核', entityType: 'ticket', entityLabel: '码上办诉求', entityId: 17, field: 'description', fieldLabel: '问题描述',
  content: '12幢楼道里堆满了纸箱，晚上看不清', reason: 'unreachable', reasonLabel: '提交时微信内容安全检测无法访问，恢复后会自动复查',
  author: { id: 5, name: '张秀英' }, communityName: '漕湖花园二社区', checks: 2, createdAt: '2031-05-01T02:00:00.000Z', decidedAt: null, decidedBy: null, decisionNote: null,
  link: '/packages/service/pages/detail/index?id=17', actions: holdActions('held', ['staff']),
}
const RELEASED = { ...HELD, status: 'released', statusLabel: '已放行', decidedAt: '2031-05-01T03:00:00.000Z', decidedBy: '陈静', actions: holdActions('released', ['staff']) }

const posted = []
function respond(p, method, data) {
  if (p === '/api/me') return { statusCode: 200, data: STAFF }
  if (method === 'POST' && p === '/api/moderation/held/41/actions/release') {
    posted.push(p)
    return { statusCode: 200, data: RELEASED }
  }
  if (p.startsWith('/api/moderation/held?')) return { statusCode: 200, data: { items: [HELD], nextCursor: null } }
}

// Taro binds wx.* when its runtime loads (in the harness's beforeAll), so the confirmation stub goes in now.
require('miniprogram-simulate')
const modals = []
wx.showModal = (opts) => {
  modals.push(opts)
  setTimeout(() => opts.success && opts.success({ confirm: true, cancel: false }), 0)
}

const { until, renderPage } = useWeappSim({ respond, session: { token: 'tok-staff', user: STAFF, role: 'staff', elderMode: false } })
const text = (comp) => comp.dom.textContent

describe('weapp build: 待审核内容', () => {
  it('should list held text with its reason and the server’s buttons, and release it on 放行 after the confirmation', async () => {
    const held = await renderPage('packages/console/pages/held/index', {}, '12幢楼道里堆满了纸箱')
    for (const t of ['码上办诉求 · 问题描述', '张秀英', '恢复后会自动复查', '已自动复查 2 次', '查看码上办诉求']) expect(text(held)).toContain(t)
    const buttons = held.querySelectorAll('.action-bar__btn').map((b) => b.dom.textContent.trim())
    expect(buttons).toEqual(['放行', '不予公开'])
    held.querySelectorAll('.action-bar__btn')[0].dispatchEvent('tap')
    await until(() => posted.length > 0, 'POST release')
    expect(modals.map((m) => m.content)).toContain('放行后，这段文字将公开显示。确定内容没有问题吗？')
    await until(() => !text(held).includes('12幢楼道里堆满了纸箱'), 'the released item leaves the 待审核 list')
  })
})
