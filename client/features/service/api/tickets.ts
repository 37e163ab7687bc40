import type { TicketAction, TicketStatus } from '@linli/domain'
import { get, post, upload } from '../../../lib/request'
import type { ActionInput } from '../../../components/ActionBar'
import type { Category, GridWorkerPage, Page, Photo, TicketDetail, TicketListItem, TicketQueue, WorkerTasks } from '../types'

export const listCategories = () => get<Category[]>('/api/service/categories', { auth: false })

export const openTicketsAt = (scene: string) => get<TicketListItem[]>(`/api/service/points/${encodeURIComponent(scene)}/open-tickets`)

export interface NewTicket {
  scene?: string
  pointId?: number
  categoryId: number
  description: string
  photoIds: number[]
  contactName: string
  /** left out: the account's bound phone */
  contactPhone?: string
  anonymous: boolean
  attributes?: Record<string, unknown>
}

/** The request layer sends an Idempotency-Key and reuses it on retry, so a dropped connection never files twice. */
export const submitTicket = (data: NewTicket) => post<TicketDetail>('/api/service/tickets', data, { idempotent: true })

export const uploadPhoto = (filePath: string, onProgress?: (p: number) => void) => upload<Photo>('/api/uploads', { filePath, onProgress })

export const getTicket = (id: number | string) => get<TicketDetail>(`/api/service/tickets/${id}`)

export const followTicket = (id: number) => post<TicketDetail>(`/api/service/tickets/${id}/follow`)

/** What a ticket action may carry beside the note; which fields an action reads is the server's business. */
export interface TicketActionInput extends ActionInput {
  photoIds?: number[]
  targetId?: number
  workerId?: number
  scene?: string
  lat?: number
  lng?: number
  rating?: number
  comment?: string
}

/** Every move, 改派 included, is `actions/:action`; the answer is the updated detail. */
export const actOnTicket = (id: number, action: TicketAction, data: TicketActionInput = {}) =>
  post<TicketDetail>(`/api/service/tickets/${id}/actions/${action}`, data)

export const revealPhone = (id: number) => post<{ phone: string }>(`/api/service/tickets/${id}/reveal-phone`)

export const myTickets = (status?: TicketStatus, cursor?: number | null) =>
  get<Page>('/api/service/tickets/mine', { query: { status, cursor: cursor ?? undefined } })

export type WorkerTab = keyof WorkerTasks['counts']

export const workerTickets = (tab: WorkerTab) => get<WorkerTasks>('/api/service/tickets/worker', { query: { tab } })

export interface QueueFilter {
  status?: TicketStatus
  communityId?: number
  categoryId?: number
  q?: string
  /** only tickets past their SLA or not signed for in time */
  late?: boolean
  cursor?: number | null
}

export const staffQueue = (f: QueueFilter) => get<TicketQueue>('/api/service/tickets/queue', { query: { ...f, cursor: f.cursor ?? undefined } })

/** The dispatch picker: grid workers of the ticket's community, searched by name or phone, a page at a time. */
export const listWorkers = (f: { ticketId?: number; q?: string; cursor?: number | null } = {}) =>
  get<GridWorkerPage>('/api/service/workers', { query: { ticketId: f.ticketId, q: f.q || undefined, cursor: f.cursor ?? undefined } })
