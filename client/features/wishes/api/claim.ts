import { post } from '../../../lib/request'
import type { WishDetail } from '../types'

/** Claiming is naturally idempotent on the server (a repeated tap returns the same claim). */
export const claimWish = (id: number) => post<WishDetail>(`/api/wishes/${id}/claim`, {}, { idempotent: true })
export const releaseWish = (id: number) => post<WishDetail>(`/api/wishes/${id}/release`, {})
export const submitProof = (id: number, photoIds: number[], note: string) => post<WishDetail>(`/api/wishes/${id}/proof`, { photoIds, note })
