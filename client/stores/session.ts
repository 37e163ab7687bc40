import { create } from 'zustand'
import { createJSONStorage, persist } from 'zustand/middleware'
import type { Role } from '@linli/domain'
import { taroStorage } from './taro-storage'

export interface SessionUser {
  id: number
  name: string
  roles: Role[]
  /** already masked by the server: 138****1234 */
  phone: string | null
  isPartyMember: boolean
  branch: string | null
  communityId: number | null
  communityName?: string | null
  building?: string | null
  /** what 完善资料 still lacks */
  profileMissing?: Array<'name' | 'communityId' | 'building'>
  grids: { id: number; name: string; communityId: number }[]
  communities: { id: number; name: string }[]
}

interface SessionState {
  /** the access token: an hour long, renewed by lib/request.ts with `refreshToken` */
  token: string | null
  /** used once: each renewal replaces it */
  refreshToken: string | null
  user: SessionUser | null
  role: Role | null
  elderMode: boolean
  /** The person switched 大字模式 themselves: WeChat's font setting no longer decides it. */
  elderModeChosen: boolean
  signIn: (token: string, user: SessionUser, refreshToken?: string | null) => void
  /** A renewal's new pair; ignored once signed out (a renewal that lands after 退出登录 must not bring the person back). */
  renewTokens: (token: string, refreshToken: string) => void
  updateUser: (user: SessionUser) => void
  switchRole: (role: Role) => void
  setElderMode: (on: boolean) => void
  /** 大字模式 as WeChat's font setting suggests it (client/lib/font-scale.ts), unless the person chose already. */
  suggestElderMode: (on: boolean) => void
  signOut: () => void
}

export const SESSION_STORAGE_KEY = 'linli-session'

/** The role a person most likely came to act as: the one with the most duties. */
const ROLE_PRIORITY: Role[] = ['admin', 'staff', 'grid_worker', 'volunteer', 'resident']

export function primaryRole(roles: readonly Role[]): Role | null {
  return ROLE_PRIORITY.find((r) => roles.includes(r)) ?? null
}

export const useSession = create<SessionState>()(
  persist(
    (set, get) => ({
      token: null,
      refreshToken: null,
      user: null,
      role: null,
      elderMode: false,
      elderModeChosen: false,
      signIn: (token, user, refreshToken = null) => set({ token, refreshToken, user, role: primaryRole(user.roles) }),
      renewTokens: (token, refreshToken) => {
        if (get().token) set({ token, refreshToken })
      },
      updateUser: (user) => {
        // A profile fetch that lands after sign-out must not bring the person back.
        if (!get().token) return
        const role = get().role
        set({ user, role: role && user.roles.includes(role) ? role : primaryRole(user.roles) })
      },
      switchRole: (role) => {
        if (get().user?.roles.includes(role)) set({ role })
      },
      setElderMode: (elderMode) => set({ elderMode, elderModeChosen: true }),
      suggestElderMode: (on) => {
        if (!get().elderModeChosen && get().elderMode !== on) set({ elderMode: on })
      },
      // Elder mode is a device preference, not part of who is signed in, so it survives sign-out.
      signOut: () => set({ token: null, refreshToken: null, user: null, role: null }),
    }),
    {
      name: SESSION_STORAGE_KEY,
      version: 1,
      storage: createJSONStorage(() => taroStorage),
      partialize: ({ token, refreshToken, user, role, elderMode, elderModeChosen }) => ({ token, refreshToken, user, role, elderMode, elderModeChosen }),
    },
  ),
)

export const isSignedIn = (): boolean => !!useSession.getState().token
