import type { WishAction } from '@linli/domain'
import type { ActionInput } from '../../../components/ActionBar'
import { get, post } from '../../../lib/request'
import type { WishDetail } from '../types'

export const fetchWish = (id: number | string) => get<WishDetail>(`/api/wishes/${id}`)

/** What a volunteer's move may carry: fulfil sends the proof photos and note. */
export interface WishActionInput extends ActionInput {
  photoIds?: number[]
}

/**
 * The volunteer's moves (claim, release, fulfil); the answer is the wish as the volunteer now sees it. A claim is
 * idempotent on the server (a repeated tap returns the same claim), so the retry key is safe to send.
 */
export const actOnWish = (id: number, action: WishAction, input: WishActionInput = {}) =>
  post<WishDetail>(`/api/wishes/${id}/actions/${action}`, input, { idempotent: action === 'claim' })
