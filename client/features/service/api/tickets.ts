import type { TicketAction, TicketStatus } from '@linli/domain'
import { get, post, upload } from '../../../lib/request'
import type { Board, Category, Page, Photo, TicketDetail, TicketSummary } from '../types'

export const listCategories = () => get<Category[]>('/api/service/categories', { auth: false })

export const openTicketsAt = (scene: string) => get<TicketSummary[]>(`/api/service/points/${encodeURIComponent(scene)}/open-tickets`)

export interface NewTicket {
  scene?: string
  pointId?: number
  categoryId: number
  description: string
  photoIds: number[]
  contactName: string
  contactPhone: string
  anonymous: boolean
  attributes?: Record<string, unknown>
}

/** The request layer sends an Idempotency-Key and reuses it on retry, so a dropped connection never files twice. */
export const submitTicket = (data: NewTicket) => post<TicketDetail>('/api/service/tickets', data, { idempotent: true })

export const uploadPhoto = (filePath: string, onProgress?: (p: number) => void) => upload<Photo>('/api/uploads', { filePath, onProgress })

export const getTicket = (id: number | string) => get<TicketDetail>(`/api/service/tickets/${id}`)

export const followTicket = (id: number) => post<TicketDetail>(`/api/service/tickets/${id}/follow`)

export interface ActionInput {
  note?: string
  photoIds?: number[]
  targetId?: number
  workerId?: number
  scene?: string
  lat?: number
  lng?: number
  rating?: number
  comment?: string
}

export const actOnTicket = (id: number, action: TicketAction, data: ActionInput = {}) =>
  post<TicketDetail>(`/api/service/tickets/${id}/actions/${action}`, data)

export const reassignTicket = (id: number, workerId: number, note?: string) => post<TicketDetail>(`/api/service/tickets/${id}/reassign`, { workerId, note })

export const revealPhone = (id: number) => post<{ phone: string }>(`/api/service/tickets/${id}/reveal-phone`)

export const myTickets = (status?: TicketStatus, cursor?: number | null) =>
  get<Page<TicketSummary>>('/api/service/tickets/mine', { query: { status, cursor: cursor ?? undefined } })

export const workerTickets = (tab: 'pending' | 'working' | 'overdue') =>
  get<{ counts: Record<'pending' | 'working' | 'overdue', number>; items: TicketSummary[] }>('/api/service/tickets/worker', { query: { tab } })

export interface QueueFilter {
  status?: TicketStatus
  communityId?: number
  categoryId?: number
  q?: string
  cursor?: number | null
}

export const staffQueue = (f: QueueFilter) =>
  get<Page<TicketSummary> & { counts: Record<string, number> }>('/api/service/tickets/queue', { query: { ...f, cursor: f.cursor ?? undefined } })

export const listWorkers = () => get<Array<{ id: number; name: string; grids: string[] }>>('/api/service/workers')

export const publicBoard = (q: { communityId?: number; categoryId?: number; from?: string; to?: string }) => get<Board>('/api/service/board', { query: q, auth: false })
