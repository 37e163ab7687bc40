import { get } from '../../../lib/request'
import type { WishDetail } from '../types'

export const fetchWish = (id: number | string) => get<WishDetail>(`/api/wishes/${id}`)
