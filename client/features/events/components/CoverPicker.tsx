import { useState } from 'react'
import Taro from '@tarojs/taro'
import { pickPhotos } from '../../../lib/media'
import { Image, Text, View } from '@tarojs/components'
import { errorMessage } from '../../../lib/errors'
import { uploadCover } from '../api/cover'
import type { ActivityCover } from '../types'

interface Props {
  cover: ActivityCover | null
  onChange: (cover: ActivityCover | null) => void
}

/** The activity's cover photo: chosen from the album or the camera, uploaded (the server strips EXIF), removable. */
export default function CoverPicker({ cover, onChange }: Props) {
  const [busy, setBusy] = useState(false)
  const choose = async () => {
    let path: string | undefined
    try {
      path = (await pickPhotos({ count: 1 }))[0]
    } catch {
      return // cancelled
    }
    if (!path) return
    setBusy(true)
    try {
      onChange(await uploadCover(path))
      void Taro.showToast({ title: '封面已上传', icon: 'success' })
    } catch (err) {
      void Taro.showToast({ title: errorMessage(err), icon: 'none' })
    } finally {
      setBusy(false)
    }
  }
  return (
    <View className='ev__card ev-cover'>
      <Text className='ev__section'>封面照片（选填）</Text>
      {cover ? <Image className='ev-cover__image' src={cover.url} mode='aspectFill' nativeProps={{ alt: '活动封面' }} /> : <Text className='ev__muted'>有封面的活动在列表里更醒目。</Text>}
      <View className='ev-cover__actions'>
        <Text className='ev__btn ev__btn--ghost ev-cover__choose' onClick={busy ? undefined : () => void choose()}>
          {busy ? '上传中…' : cover ? '更换封面' : '选择封面照片'}
        </Text>
        {cover && !busy ? <Text className='ev__link ev-cover__remove' onClick={() => onChange(null)}>去掉封面</Text> : null}
      </View>
    </View>
  )
}
