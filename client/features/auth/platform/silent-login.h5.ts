/** A browser has no wx.login: a page that needs a session sends the person to 登录 and back (lib/session-gate). */
export const supportsSilentLogin = false

export function silentLogin(): Promise<boolean> {
  return Promise.resolve(false)
}
