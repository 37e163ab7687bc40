import Taro from '@tarojs/taro'
import { View, Text, Button } from '@tarojs/components'
import { sceneFromScan } from '../../../lib/scene'
import { openScene } from '../../../lib/launch'
import './ScanEntry.scss'

/**
 * In WeChat the camera reads both the 小程序码 on stickers and plain QR codes of the H5 URL.
 * `onBrand`: drawn on the 首页's red hero (white button, light hint); otherwise a card of its own on the grey page.
 */
export default function ScanEntry({ onBrand = false }: { onBrand?: boolean }) {
  const scan = async () => {
    let res: Taro.scanCode.SuccessCallbackResult
    try {
      res = await Taro.scanCode({ onlyFromCamera: false })
    } catch (err) {
      const msg = (err as { errMsg?: string })?.errMsg ?? ''
      if (!msg.includes('cancel')) Taro.showToast({ title: '扫码失败，请重试', icon: 'none' })
      return
    }
    const scene = sceneFromScan(res)
    if (scene) openScene(scene)
    else Taro.showToast({ title: '这不是邻里的点位码', icon: 'none' })
  }

  return (
    <View className={`scan-entry ${onBrand ? 'scan-entry--brand' : 'scan-entry--page'}`}>
      <Button className='scan-entry__button' onClick={scan}>
        <View className='scan-entry__icon' />
        <Text>扫一扫</Text>
      </Button>
      <Text className='scan-entry__hint'>扫楼栋、充电桩、座椅上的二维码，直接报事、找网格员</Text>
    </View>
  )
}
