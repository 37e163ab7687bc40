import type { ResolvedScene } from '@linli/domain'
import type { SessionUser } from '../stores/session'

export function aUser(overrides: Partial<SessionUser> = {}): SessionUser {
  return {
    id: 1,
    name: '张阿姨',
    roles: ['resident'],
    phone: '138****1234',
    isPartyMember: false,
    branch: null,
    communityId: 1,
    grids: [],
    communities: [{ id: 1, name: '漕湖花园一社区' }],
    ...overrides,
  }
}

export function aResolvedScene(overrides: Partial<ResolvedScene> = {}): ResolvedScene {
  return {
    scene: 'p.x7k2m9',
    point: { id: 11, name: '安置小区公共充电站', kind: 'charger', address: '漕湖花园二社区 6 区北门' },
    grid: { id: 5, name: '第三网格' },
    community: { id: 2, name: '漕湖花园二社区', kind: 'community' },
    street: { id: 1, name: '漕湖街道' },
    gridWorker: { id: 7, name: '王芳', phone: '13912345678' },
    ...overrides,
  }
}

/** What Taro.request resolves with: any HTTP status is a resolved promise, only transport failures reject. */
export function httpResponse(statusCode: number, data: unknown) {
  return Promise.resolve({ statusCode, data, header: {}, errMsg: 'request:ok' })
}

export function networkFailure() {
  return Promise.reject({ errMsg: 'request:fail timeout' })
}
