import type { TicketAttribute, TicketStatus } from '@linli/domain'
import { get, patch, post } from '../../../lib/request'
import type { Category, Open311KeyIssued, Open311KeyView } from '../types'

/** The console's side of 码上办: every category (disabled ones too), its editing, Open311 keys, the export's filters. */
export const allCategories = () => get<Category[]>('/api/service/categories/all')

export const getCategory = (id: number) => get<Category>(`/api/service/categories/${id}`)

export interface CategoryInput {
  name: string
  icon: string
  hint: string
  slaHours: number
  signForHours: number
  sortOrder: number
  active: boolean
  attributes: TicketAttribute[]
}

export const createCategory = (code: string, data: CategoryInput) => post<Category>('/api/service/categories', { code, ...data })

export const updateCategory = (id: number, data: Partial<CategoryInput>) => patch<Category>(`/api/service/categories/${id}`, data)

export const listOpen311Keys = () => get<Open311KeyView[]>('/api/service/open311-keys')

export const issueOpen311Key = (name: string) => post<Open311KeyIssued>('/api/service/open311-keys', { name })

export const revokeOpen311Key = (id: number) => post<Open311KeyView>(`/api/service/open311-keys/${id}/revoke`)

/** The queue's filters and a period of filing (Shanghai dates, both ends included). */
export interface ExportFilter {
  communityId?: number
  categoryId?: number
  status?: TicketStatus
  from?: string
  to?: string
}

export const EXPORT_PATH = '/api/service/tickets/export.xlsx'
