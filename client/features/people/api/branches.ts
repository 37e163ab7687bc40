import type { BranchView } from '@linli/domain'
import { get, patch, post } from '../../../lib/request'

export interface BranchInput {
  name: string
  communityId?: number | null
  secretaryId?: number | null
}

export const listBranches = () => get<BranchView[]>('/api/branches')
export const createBranch = (body: BranchInput) => post<BranchView>('/api/branches', body)
export const updateBranch = (id: number, body: BranchInput) => patch<BranchView>(`/api/branches/${id}`, body)
