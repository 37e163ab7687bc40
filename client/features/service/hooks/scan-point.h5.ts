import { scanWithCamera } from '../../../lib/camera-scan'

/**
 * 到场打卡's scan in a browser: the camera through qr-scanner. Throws when cancelled or when there is no usable
 * camera; then the error's message says why, in Chinese.
 */
export async function scanPoint(): Promise<{ result?: string; path?: string }> {
  const text = await scanWithCamera('将点位贴纸上的二维码放入框内')
  if (text === null) throw new Error('cancelled')
  return { result: text }
}
