import Taro from '@tarojs/taro'
import { View, Text, Button } from '@tarojs/components'
import { AGREE_BUTTON_ID, usePrivacy } from '../../lib/privacy/store'
import { openPrivacyContract } from '../../lib/privacy/setup'
import { ROUTES } from '../../lib/routes'
import './index.scss'

/**
 * The consent sheet WeChat requires before any privacy API. The agree button must be a real
 * `open-type="agreePrivacyAuthorization"` button: the base library checks it was tapped.
 */
export default function PrivacyConsent() {
  const visible = usePrivacy((s) => s.visible)
  const settle = usePrivacy((s) => s.settle)
  if (!visible) return null
  return (
    <View className='privacy-mask'>
      <View className='privacy-sheet'>
        <Text className='privacy-sheet__title'>隐私保护提示</Text>
        <Text className='privacy-sheet__body'>
          在使用扫码报事、绑定手机号、上传照片等功能前，请阅读并同意
        </Text>
        <Text className='privacy-sheet__link' onClick={openPrivacyContract}>
          《邻里小程序隐私保护指引》
        </Text>
        <Text className='privacy-sheet__more' onClick={() => Taro.navigateTo({ url: ROUTES.privacy })}>
          查看收集哪些信息、为什么收集
        </Text>
        <View className='privacy-sheet__actions'>
          <Button className='btn btn--ghost' onClick={() => settle(false)}>
            拒绝
          </Button>
          <Button
            id={AGREE_BUTTON_ID}
            className='btn btn--primary'
            openType='agreePrivacyAuthorization'
            onAgreePrivacyAuthorization={() => settle(true)}
          >
            同意
          </Button>
        </View>
      </View>
    </View>
  )
}
