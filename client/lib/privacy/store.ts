import { create } from 'zustand'

type Resolve = (option: { event: 'agree' | 'disagree' | 'exposureAuthorization'; buttonId?: string }) => void

interface PrivacyState {
  /** the consent sheet is on screen */
  visible: boolean
  /** WeChat's callbacks waiting for the person's answer; each privacy API call that was blocked adds one */
  waiting: Resolve[]
  show: (resolve?: Resolve) => void
  settle: (agreed: boolean, buttonId?: string) => void
}

export const AGREE_BUTTON_ID = 'privacy-agree-btn'

export const usePrivacy = create<PrivacyState>()((set, get) => ({
  visible: false,
  waiting: [],
  show: (resolve) => {
    if (resolve) resolve({ event: 'exposureAuthorization' })
    set({ visible: true, waiting: resolve ? [...get().waiting, resolve] : get().waiting })
  },
  settle: (agreed, buttonId = AGREE_BUTTON_ID) => {
    for (const resolve of get().waiting) {
      resolve(agreed ? { event: 'agree', buttonId } : { event: 'disagree' })
    }
    set({ visible: false, waiting: [] })
  },
}))
