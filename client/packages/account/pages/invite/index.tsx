import { useEffect, useRef, useState } from 'react'
import Taro, { useRouter } from '@tarojs/taro'
import { Text, View } from '@tarojs/components'
import { normalizeInviteCode, type InvitePreview } from '@linli/domain'
import FormField from '../../../../components/FormField'
import PageShell from '../../../../components/PageShell'
import { acceptInvite, previewInvite } from '../../../../features/people/api/invites'
import { useAction } from '../../../../hooks/useAction'
import { decodeScene } from '../../../../lib/scene'
import { formatDateTime } from '../../../../lib/time'
import { ROUTES } from '../../../../lib/routes'
import { useSession } from '../../../../stores/session'
import '../../../console/console.scss'

/**
 * 接受邀请: reached by scanning an invite's QR code (scene `i.<code>`) or from 我的 → 输入邀请码. Shows what the invite
 * is (role, place, who invites) before taking it; the role works at once, without logging in again.
 */
export default function InvitePage() {
  const params = useRouter().params ?? {}
  const fromScene = decodeScene(params.scene)
  const token = useSession((s) => s.token)
  const [code, setCode] = useState(fromScene ?? params.code ?? '')
  const [error, setError] = useState('')
  const [preview, setPreview] = useState<InvitePreview | null>(null)
  const [done, setDone] = useState<{ roleLabel: string; target: string } | null>(null)
  const action = useAction()

  const look = async (typed = code) => {
    setError('')
    if (!normalizeInviteCode(typed)) {
      setError('邀请码是 8 位字母和数字，如 K7QM-3XPA')
      return
    }
    const p = await action.run(() => previewInvite(typed))
    if (p) setPreview(p)
  }
  // Arrived by a scan (or back from logging in): look the code up without a tap.
  const lookRef = useRef(look)
  lookRef.current = look
  useEffect(() => {
    if (token && fromScene && normalizeInviteCode(fromScene)) void lookRef.current(fromScene)
  }, [token, fromScene])

  const accept = async () => {
    if (!preview) return
    const r = await action.run(() => acceptInvite(preview.code), { success: '已接受邀请' })
    if (!r) return
    useSession.getState().updateUser(r.user)
    const role = r.user.roles.includes('staff') ? 'staff' : r.user.roles.includes('grid_worker') ? 'grid_worker' : r.user.roles.includes('volunteer') ? 'volunteer' : null
    if (role) useSession.getState().switchRole(role)
    setDone({ roleLabel: r.roleLabel, target: r.target })
  }

  if (!token) {
    return (
      <PageShell className='cs invite-page'>
        <View className='cs__card'>
          <Text className='cs__heading'>您收到了一份邀请</Text>
          <Text className='cs__hint'>请先用微信登录，登录后会回到这里接受邀请。</Text>
          <Text className='cs__btn invite__login' onClick={() => void Taro.navigateTo({ url: ROUTES.login })}>
            微信登录
          </Text>
        </View>
      </PageShell>
    )
  }

  if (done) {
    const toConsole = useSession.getState().user?.roles.includes('staff')
    return (
      <PageShell className='cs invite-page'>
        <View className='cs__card invite__done'>
          <Text className='cs__heading'>您已成为{done.target ? `${done.target}的` : ''}{done.roleLabel}</Text>
          <Text className='cs__hint'>新身份已生效。需要时可在「我的 → 切换身份」里切换。</Text>
          {toConsole ? (
            <Text className='cs__btn invite__go' onClick={() => void Taro.redirectTo({ url: ROUTES.console })}>
              进入工作台
            </Text>
          ) : (
            <Text className='cs__btn invite__go' onClick={() => void Taro.switchTab({ url: ROUTES.home })}>
              回到首页
            </Text>
          )}
        </View>
      </PageShell>
    )
  }

  return (
    <PageShell className='cs invite-page'>
      <View className='cs__card'>
        <Text className='cs__heading'>输入邀请码</Text>
        <Text className='cs__hint'>邀请码由社区工作人员发给您，共 8 位，大小写和横线都可以不管。</Text>
        <FormField label='邀请码' value={code} onInput={(v) => { setCode(v); setPreview(null) }} error={error} placeholder='如：K7QM-3XPA' className='invite__code' maxlength={20} />
        {!preview ? (
          <Text className={`cs__btn invite__look ${action.busy ? 'cs__btn--busy' : ''}`} onClick={() => void look()}>
            {action.busy ? '正在查询…' : '查看邀请'}
          </Text>
        ) : null}
      </View>
      {preview ? (
        <View className='cs__card invite__preview'>
          <Text className='cs__heading'>
            邀请您成为 {preview.target ? `${preview.target}的` : ''}{preview.roleLabel}
          </Text>
          <Text className='cs__item-meta'>邀请人：{preview.invitedBy}</Text>
          <Text className='cs__item-meta'>
            {preview.status === 'open' ? `${formatDateTime(preview.expiresAt)} 前有效` : `这个邀请${preview.statusLabel}`}
          </Text>
          {preview.alreadyHeld ? <Text className='cs__hint'>您已经是这个身份了，无需再接受。</Text> : null}
          {preview.status === 'open' && !preview.alreadyHeld ? (
            <Text className={`cs__btn invite__accept ${action.busy ? 'cs__btn--busy' : ''}`} onClick={() => void accept()}>
              {action.busy ? '正在处理…' : '接受邀请'}
            </Text>
          ) : (
            <Text className='cs__hint'>{preview.status === 'open' ? '' : '请向邀请人索取新的邀请码。'}</Text>
          )}
        </View>
      ) : null}
    </PageShell>
  )
}
