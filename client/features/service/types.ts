import type { TicketAction, TicketAttribute, TicketStatus } from '@linli/domain'

export interface Category {
  id: number
  code: string
  name: string
  icon: string
  hint: string
  slaHours: number
  attributes: TicketAttribute[]
  active: boolean
}

export interface Photo {
  id: number
  url: string
  thumbUrl: string
}

export interface TicketSummary {
  id: number
  number: string
  status: TicketStatus
  statusLabel: string
  category: { id: number; name: string; icon: string } | null
  description: string
  followerCount: number
  overdue: boolean
  createdAt: string
  dueAt: string | null
  isMine?: boolean
  following?: boolean
  communityName?: string
  point?: { name: string; address: string | null }
}

export interface TimelineEntry {
  id: string
  action: string
  label: string
  fromStatus: string | null
  toStatus: string | null
  actorRole: string
  note: string | null
  photos: Photo[]
  at: string
}

export interface TicketDetail extends TicketSummary {
  access: 'full' | 'public'
  isOwner: boolean
  canFollow: boolean
  point: { id: number; name: string; scene?: string; address: string | null; lat: number | null; lng: number | null }
  grid: { id: number; name: string }
  community: { id: number; name: string }
  requesterName: string | null
  anonymous: boolean
  contact: { name: string; phone: string | null; canReveal: boolean } | null
  photos: Photo[]
  assignee: { id: number; name: string } | null
  resolutionNote: string | null
  rating: number | null
  ratingComment: string | null
  reopenCount: number
  mergedInto: { id: number; number: string } | null
  availableActions: TicketAction[]
  canReassign: boolean
  timeline: TimelineEntry[]
}

export interface Page<T> {
  items: T[]
  nextCursor: number | null
}

export interface BoardStats {
  total: number
  byStatus: Record<string, number>
  responseRate: number | null
  resolutionRate: number | null
  satisfactionRate: number | null
  avgHandlingHours: number | null
}

export interface Board {
  overall: BoardStats
  byCommunity: Array<BoardStats & { id: number; name: string }>
  byCategory: Array<BoardStats & { id: number; name: string; icon: string }>
  trend: Array<{ day: string; filed: number; resolved: number }>
  statusLabels: Record<string, string>
  communities: Array<{ id: number; name: string }>
  categories: Array<{ id: number; name: string }>
}
