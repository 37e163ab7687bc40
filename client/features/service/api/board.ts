import { get } from '../../../lib/request'
import type { Board } from '../types'

export interface BoardFilter {
  communityId?: number
  categoryId?: number
  /** YYYY-MM-DD, Beijing calendar days. */
  from?: string
  to?: string
}

export const publicBoard = (q: BoardFilter) => get<Board>('/api/service/board', { query: { ...q }, auth: false })
