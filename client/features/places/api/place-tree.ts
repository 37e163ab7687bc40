import { get } from '../../../lib/request'
import type { TreeStreet } from '../types'

export const fetchPlaceTree = () => get<TreeStreet[]>('/api/places/tree')
