import type { ApplicationAction, ApplicationStatus, ApplicationView, CursorPage } from '@linli/domain'
import { get, post } from '../../../lib/request'

export const applyToVolunteer = (body: { isPartyMember: boolean; branchId?: number; note?: string }) => post<ApplicationView>('/api/applications', body, { idempotent: true })
export const fetchMyApplication = () => get<ApplicationView | null>('/api/applications/mine')
export const listApplications = (status: ApplicationStatus | undefined, cursor: string | null) => get<CursorPage<ApplicationView>>('/api/applications', { query: { status, cursor } })
export const actOnApplication = (id: number, action: ApplicationAction, reason?: string) => post<ApplicationView>(`/api/applications/${id}/actions/${action}`, { reason })
