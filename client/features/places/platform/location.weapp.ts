import Taro from '@tarojs/taro'

export const CAN_PICK_LOCATION = true

/** WeChat's map picker (declared in app.config's requiredPrivateInfos). Null when the person cancels. */
export async function pickLocation(): Promise<{ lat: number; lng: number; name: string; address: string } | null> {
  try {
    const r = await Taro.chooseLocation({})
    return { lat: Number(r.latitude.toFixed(6)), lng: Number(r.longitude.toFixed(6)), name: r.name, address: r.address }
  } catch {
    return null
  }
}
