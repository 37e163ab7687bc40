import type { ResolvedScene } from '@linli/domain'
import { get } from '../../../lib/request'

export const resolveScene = (scene: string) =>
  get<ResolvedScene>(`/api/places/scene/${encodeURIComponent(scene)}`, { auth: false })
