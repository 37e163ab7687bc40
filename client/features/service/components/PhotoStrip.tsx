import Taro from '@tarojs/taro'
import { View, Image } from '@tarojs/components'
import type { Photo } from '../types'

/** Thumbnails; a tap opens the full-size photos. */
export default function PhotoStrip({ photos }: { photos: Photo[] }) {
  if (!photos.length) return null
  return (
    <View className='svc-photos'>
      {photos.map((p) => (
        <View key={p.id} className='svc-photo' onClick={() => Taro.previewImage({ urls: photos.map((x) => x.url), current: p.url })}>
          <Image src={p.thumbUrl} mode='aspectFill' nativeProps={{ alt: '现场照片' }} />
        </View>
      ))}
    </View>
  )
}
