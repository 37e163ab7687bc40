import Taro from '@tarojs/taro'

/** Staff scan an attendee's 我的签到码 with the camera; there is no code to type. */
export const scanner = {
  typed: false,
  checkInLabel: '扫码签到',
  checkOutLabel: '扫码签退',
  /** The scanned code, or null when the scan was cancelled. */
  read: (_typed?: string): Promise<string | null> =>
    Taro.scanCode({ onlyFromCamera: true, scanType: ['qrCode'] }).then(
      (r) => r.result,
      () => null,
    ),
}
