import type { CursorPage, HeldItemView, HoldAction, HoldStatus } from '@linli/domain'
import { get, post } from '../../../lib/request'

export const listHeld = (status: HoldStatus, cursor: string | null) => get<CursorPage<HeldItemView>>('/api/moderation/held', { query: { status, cursor } })
export const actOnHeld = (id: number, action: HoldAction, reason?: string) => post<HeldItemView>(`/api/moderation/held/${id}/actions/${action}`, { reason })
