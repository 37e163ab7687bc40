import type { Role } from '@linli/domain'
import type { SessionUser } from '../../stores/session'

export interface LoginResult {
  /** an hour long; lib/request.ts renews it with `refreshToken` */
  accessToken: string
  expiresAt: string
  refreshToken: string
  refreshExpiresAt: string
  user: SessionUser
}

export interface DemoPersona {
  key: string
  name: string
  roles: Role[]
  title: string
  description: string
}
