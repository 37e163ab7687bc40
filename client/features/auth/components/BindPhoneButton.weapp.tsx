import Taro from '@tarojs/taro'
import { Button } from '@tarojs/components'
import { bindPhone } from '../api/bind-phone'
import { errorMessage } from '../../../lib/errors'
import { useSession } from '../../../stores/session'

/** The phone number comes only from the person's own tap on WeChat's button, never from a typed field. */
export default function BindPhoneButton() {
  const onGetPhoneNumber = async (e: { detail: { code?: string; errMsg?: string } }) => {
    const code = e.detail?.code
    if (!code) return // declined, or the base library is too old to hand out a code
    try {
      const result = await bindPhone(code)
      useSession.getState().renewTokens(result.accessToken, result.refreshToken)
      useSession.getState().updateUser(result.user)
      Taro.showToast({ title: '已绑定手机号', icon: 'success' })
    } catch (err) {
      Taro.showToast({ title: errorMessage(err), icon: 'none' })
    }
  }
  return (
    <Button className='btn btn--ghost mine-bind-phone' openType='getPhoneNumber' onGetPhoneNumber={onGetPhoneNumber}>
      绑定手机号
    </Button>
  )
}
