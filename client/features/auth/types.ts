import type { Role } from '@linli/domain'
import type { SessionUser } from '../../stores/session'

export interface LoginResult {
  accessToken: string
  user: SessionUser
}

export interface DemoPersona {
  key: string
  name: string
  roles: Role[]
  title: string
  description: string
}
