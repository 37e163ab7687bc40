import type { WishAction, WishStatus } from '@linli/domain'
import type { ActionInput } from '../../../components/ActionBar'
import { get, post } from '../../../lib/request'
import { withQuery } from '../../../lib/routes'
import type { NewWish, WishCommunity, WishManageDetail, WishManagePage } from '../types'

export const fetchManageList = (status: WishStatus | null, cursor: number | null) => get<WishManagePage>(withQuery('/api/wishes/manage', { status, cursor }))
export const fetchManageDetail = (id: number | string) => get<WishManageDetail>(`/api/wishes/manage/${id}`)
export const createWish = (wish: NewWish) => post<WishManageDetail>('/api/wishes', wish, { idempotent: true })
export const fetchMyCommunities = () => get<WishCommunity[]>('/api/wishes/mine/communities')

/** The moves of those who serve a wish (publish, reject, withdraw, confirm, send_back); the answer is the manage detail. */
export const actOnManagedWish = (id: number, action: WishAction, input: ActionInput = {}) =>
  post<WishManageDetail>(`/api/wishes/${id}/actions/${action}`, input)
