import type { CursorPage, InvitePreview, InviteRole, InviteStatus, InviteView } from '@linli/domain'
import { get, post } from '../../../lib/request'
import type { SessionUser } from '../../../stores/session'

export interface NewInvite {
  role: InviteRole
  gridId?: number
  communityId?: number
  branchId?: number
  isPartyMember?: boolean
  note?: string
  expiresInDays?: number
}

export const createInvite = (body: NewInvite) => post<InviteView>('/api/invites', body, { idempotent: true })
export const listInvites = (status: InviteStatus | undefined, cursor: string | null) => get<CursorPage<InviteView>>('/api/invites', { query: { status, cursor } })
export const fetchInvite = (id: number) => get<InviteView>(`/api/invites/${id}`)
export const revokeInvite = (id: number) => post<InviteView>(`/api/invites/${id}/revoke`)
export const previewInvite = (code: string) => post<InvitePreview>('/api/invites/preview', { code })
export const acceptInvite = (code: string) => post<{ user: SessionUser; roleLabel: string; target: string }>('/api/invites/accept', { code })
