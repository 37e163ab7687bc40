import { View, Text, Button } from '@tarojs/components'

/** The print stylesheet hides everything but the code and its label. */
export default function QrcodeActions({ src }: { src: string }) {
  return (
    <View className='qrcode-actions'>
      <Button className='btn btn--primary btn--block' onClick={() => window.print()}>
        打印二维码
      </Button>
      <a className='btn btn--ghost btn--block qrcode-actions__download' href={src} download>
        下载图片
      </a>
      <Text className='qrcode-actions__hint'>也可以右键（手机上长按）图片保存。</Text>
    </View>
  )
}
