import { useState } from 'react'
import Taro from '@tarojs/taro'
import { View, Text, Button, Input } from '@tarojs/components'
import { isValidScene } from '@linli/domain'
import { sceneFromScan } from '../../../lib/scene'
import { openScene } from '../../../lib/launch'
import { scanWithCamera } from '../../../lib/camera-scan'
import './ScanEntry.scss'

/**
 * In a browser 扫一扫 opens the camera; the printed code also carries its point code in text for typing.
 * `onBrand`: drawn on the 首页's red hero (white button, light hint); otherwise a card of its own on the grey page.
 */
export default function ScanEntry({ onBrand = false }: { onBrand?: boolean }) {
  const [code, setCode] = useState('')
  const [reason, setReason] = useState('')
  const focusTyped = () => (document.querySelector('.scan-entry__input input') as HTMLInputElement | null)?.focus()
  const scan = async () => {
    try {
      const text = await scanWithCamera('将点位二维码放入框内')
      if (text === null) return
      const scene = sceneFromScan({ result: text })
      if (scene) openScene(scene)
      else Taro.showToast({ title: '这不是邻里的点位码', icon: 'none' })
    } catch (err) {
      const why = err instanceof Error ? err.message : '无法使用摄像头，请输入二维码下方的编码'
      setReason(why)
      await Taro.showModal({ title: '无法扫码', content: why, showCancel: false, confirmText: '知道了' }).catch(() => null)
      focusTyped()
    }
  }
  const submit = () => {
    const typed = code.trim()
    const scene = sceneFromScan({ result: typed }) ?? (isValidScene(typed) ? typed : null)
    if (scene) openScene(scene)
    else Taro.showToast({ title: '请输入二维码下方的点位编码', icon: 'none' })
  }
  return (
    <View className={`scan-entry ${onBrand ? 'scan-entry--brand' : 'scan-entry--page'}`}>
      <View className='scan-entry__form'>
        <Input
          className='scan-entry__input'
          value={code}
          placeholder='输入二维码下方的点位编码'
          maxlength={200}
          onInput={(e) => setCode(e.detail.value)}
          onConfirm={submit}
        />
        {/* Enter on a phone keyboard is not obvious to everyone. */}
        <Button className='scan-entry__ok' onClick={submit}>
          确定
        </Button>
      </View>
      {reason ? <Text className='scan-entry__reason'>{reason}</Text> : null}
      <Button className='scan-entry__button' onClick={() => void scan()}>
        <View className='scan-entry__icon' />
        <Text>扫一扫</Text>
      </Button>
      <Text className='scan-entry__hint'>点扫一扫用摄像头扫点位码；没有摄像头时请输入二维码下方的编码</Text>
    </View>
  )
}
