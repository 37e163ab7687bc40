import { get } from '../../../lib/request'
import type { DemoPersona } from '../types'

export const fetchDemoPersonas = () => get<DemoPersona[]>('/api/auth/demo-personas', { auth: false })
