import { usePrivacy } from './store'

interface WxPrivacyApi {
  getPrivacySetting?: (o: { success: (r: { needAuthorization: boolean; privacyContractName: string }) => void }) => void
  onNeedPrivacyAuthorization?: (listener: (resolve: Parameters<ReturnType<typeof usePrivacy.getState>['show']>[0]) => void) => void
  openPrivacyContract?: (o?: object) => void
}

declare const wx: WxPrivacyApi

let installed = false

/**
 * Called once at launch. With `__usePrivacyCheck__`, WeChat blocks getPhoneNumber / chooseMedia / scanCode until the
 * person agrees; we ask up front when consent is missing, and again whenever a blocked API asks through the listener.
 */
export function setupPrivacy(): void {
  if (installed || typeof wx === 'undefined') return
  installed = true
  wx.onNeedPrivacyAuthorization?.((resolve) => usePrivacy.getState().show(resolve))
  wx.getPrivacySetting?.({
    success: (res) => {
      if (res.needAuthorization) usePrivacy.getState().show()
    },
  })
}

export function openPrivacyContract(): void {
  wx.openPrivacyContract?.()
}
