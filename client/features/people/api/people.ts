import type { CursorPage, InviteRole, PersonView, Role } from '@linli/domain'
import { get, post } from '../../../lib/request'

export const listPeople = (role: Role, q: string, cursor: string | null, branchId?: number) => get<CursorPage<PersonView>>('/api/people', { query: { role, q, cursor, branchId } })
export const removeRole = (id: number, role: InviteRole, reason?: string) => post<PersonView>(`/api/people/${id}/remove-role`, { role, reason })
