import { useState } from 'react'
import Taro from '@tarojs/taro'
import { View, Text, Button, Input } from '@tarojs/components'
import { isValidScene } from '@linli/domain'
import { sceneFromScan } from '../../../lib/scene'
import { openScene } from '../../../lib/launch'
import './ScanEntry.scss'

/** A browser cannot open WeChat's scanner; the printed code carries its point code in text for typing. */
export default function ScanEntry() {
  const [code, setCode] = useState('')
  const submit = () => {
    const typed = code.trim()
    const scene = sceneFromScan({ result: typed }) ?? (isValidScene(typed) ? typed : null)
    if (scene) openScene(scene)
    else Taro.showToast({ title: '请输入二维码下方的点位编码', icon: 'none' })
  }
  return (
    <View className='scan-entry'>
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
      <Button className='scan-entry__button' onClick={submit}>
        <View className='scan-entry__icon' />
        <Text>扫一扫</Text>
      </Button>
      <Text className='scan-entry__hint'>在浏览器中请输入编码；用手机相机扫码会直接打开对应点位</Text>
    </View>
  )
}
