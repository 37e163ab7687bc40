import Taro from '@tarojs/taro'
import { scanWithCamera } from '../../../lib/camera-scan'

/**
 * In a browser staff scan the attendee's 我的签到码 with the camera (qr-scanner), or type the code under it:
 * a typed code is used as it is; with nothing typed, 签到/签退 opens the camera, and when it cannot, it says why.
 */
export const scanner = {
  typed: true,
  checkInLabel: '签到',
  checkOutLabel: '签退',
  read: async (typed: string): Promise<string | null> => {
    const code = typed.trim()
    if (code) return code
    try {
      return await scanWithCamera('将参加者的“我的签到码”放入框内')
    } catch (err) {
      const why = err instanceof Error ? err.message : '无法使用摄像头，请输入签到码'
      await Taro.showModal({ title: '无法扫码', content: why.replace('二维码下方的编码', '签到码下方的编码'), showCancel: false, confirmText: '知道了' }).catch(() => null)
      ;(document.querySelector('.ev-checkin__input input') as HTMLInputElement | null)?.focus()
      return null
    }
  },
}
