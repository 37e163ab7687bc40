import type { CommunityKind, CommunityOption, CursorPage, PointKind, PointView, StickerView } from '@linli/domain'
import { get, patch, post } from '../../../lib/request'

/** Building the map in the console: the street, its communities and villages, grids and points. */
export const createStreet = (body: { name: string; district?: string }) => post<{ id: number; name: string }>('/api/places/streets', body)
export const createCommunity = (body: { streetId: number; name: string; kind: CommunityKind; servicePoint?: string }) => post<{ id: number; name: string }>('/api/places/communities', body)
export const createGrid = (body: { communityId: number; name: string }) => post<{ id: number; name: string }>('/api/places/grids', body)
export const renameGrid = (id: number, name: string) => patch<{ id: number; name: string }>(`/api/places/grids/${id}`, { name })

export interface PointInput {
  name: string
  kind: PointKind
  address?: string
  lat?: number
  lng?: number
  scene?: string
  active?: boolean
}
export const createPoint = (body: PointInput & { gridId: number }) => post<PointView>('/api/places/points', body)
export const updatePoint = (id: number, body: Partial<PointInput>) => patch<PointView>(`/api/places/points/${id}`, body)
export const listPoints = (gridId: number, cursor: string | null) => get<CursorPage<PointView>>('/api/places/points', { query: { gridId, cursor } })
export const fetchSheet = (gridId: number, cursor: string | null) => get<CursorPage<StickerView>>('/api/places/sheet', { query: { gridId, cursor } })
export const fetchCommunityOptions = () => get<CommunityOption[]>('/api/places/communities')
