import type { WishStatus } from '@linli/domain'
import { get, post } from '../../../lib/request'
import { withQuery } from '../../../lib/routes'
import type { ManageDetail, ManageList, NewWish } from '../types'

export const fetchManageList = (status: WishStatus | null, cursor: number | null) => get<ManageList>(withQuery('/api/wishes/manage', { status, cursor }))
export const fetchManageDetail = (id: number | string) => get<ManageDetail>(`/api/wishes/manage/${id}`)
export const createWish = (wish: NewWish) => post<ManageDetail>('/api/wishes', wish, { idempotent: true })

export type ManageAction = 'publish' | 'reject' | 'withdraw' | 'confirm' | 'send_back'
const PATHS: Record<ManageAction, string> = { publish: 'publish', reject: 'reject', withdraw: 'withdraw', confirm: 'confirm', send_back: 'send-back' }
export const actOnWish = (id: number, action: ManageAction, reason?: string) =>
  post<ManageDetail>(`/api/wishes/${id}/${PATHS[action]}`, reason ? { reason } : {})
export const fetchMyCommunities = () => get<Array<{ id: number; name: string; servicePoint: string | null }>>('/api/wishes/mine/communities')
