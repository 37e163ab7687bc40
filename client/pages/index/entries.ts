import type { Role } from '@linli/domain'
import { ROUTES } from '../../lib/routes'

export interface HomeEntry {
  key: string
  title: string
  description: string
  url: string
  /** who sees it; absent = everyone signed in */
  roles?: Role[]
}

/** Features add their entry here; the home page filters by the current role. */
export const HOME_ENTRIES: HomeEntry[] = [
  { key: 'places', title: '点位与二维码', description: '查看社区、网格、点位，打印点位二维码', url: ROUTES.tree, roles: ['staff', 'admin'] },
  { key: 'messages', title: '消息中心', description: '办理进度、认领提醒、活动通知', url: ROUTES.messages },
]

export function entriesFor(role: Role | null): HomeEntry[] {
  if (!role) return []
  return HOME_ENTRIES.filter((e) => !e.roles || e.roles.includes(role))
}
