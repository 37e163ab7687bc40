import Taro from '@tarojs/taro'
import { View, Text, Button } from '@tarojs/components'

/** Preview opens WeChat's viewer, whose long-press menu saves or forwards the code: no album permission needed. */
export default function QrcodeActions({ src }: { src: string }) {
  return (
    <View className='qrcode-actions'>
      <Button className='btn btn--primary btn--block' onClick={() => Taro.previewImage({ urls: [src], current: src })}>
        预览并保存
      </Button>
      <Text className='qrcode-actions__hint'>长按二维码可保存到相册或发送给打印店；张贴前请核对点位名称</Text>
    </View>
  )
}
