import { useEffect, useState } from 'react'
import Taro from '@tarojs/taro'
import { Picker, Text, View } from '@tarojs/components'
import { COMMUNITY_KIND_LABELS, DEFAULT_WECHAT_NAME } from '@linli/domain'
import FormField from '../../../../components/FormField'
import PageShell from '../../../../components/PageShell'
import StatusView from '../../../../components/StatusView'
import BindPhoneButton from '../../../../features/auth/components/BindPhoneButton'
import { updateProfile } from '../../../../features/auth/api/profile'
import { fetchMe } from '../../../../features/auth/api/me'
import { fetchCommunityOptions } from '../../../../features/places/api/manage'
import { useAction } from '../../../../hooks/useAction'
import { useRemote } from '../../../../hooks/useRemote'
import { ApiError } from '../../../../lib/errors'
import { ROUTES } from '../../../../lib/routes'
import { useSession } from '../../../../stores/session'
import '../../../console/console.scss'

/**
 * 完善资料, once: the name others see instead of 微信用户; for a resident the community and building, so a grid
 * worker knows where to come. The phone comes from WeChat's own button (getPhoneNumber), never typed.
 */
export default function ProfilePage() {
  const token = useSession((s) => s.token)
  const me = useRemote(fetchMe, [token], !!token)
  const options = useRemote(fetchCommunityOptions, [token], !!token)
  const [name, setName] = useState('')
  const [communityId, setCommunityId] = useState<number | null>(null)
  const [building, setBuilding] = useState('')
  const [errors, setErrors] = useState<Record<string, string>>({})
  const saving = useAction()

  const u = me.data
  useEffect(() => {
    if (!u) return
    useSession.getState().updateUser(u)
    setName(u.name === DEFAULT_WECHAT_NAME ? '' : u.name)
    setCommunityId(u.communityId)
    setBuilding(u.building ?? '')
  }, [u])

  if (!token) {
    return (
      <PageShell className='cs'>
        <StatusView status='empty' title='请先登录' hint='登录后再完善资料' />
        <Text className='cs__btn' onClick={() => void Taro.navigateTo({ url: ROUTES.login })}>去登录</Text>
      </PageShell>
    )
  }
  if (me.error) return <PageShell className='cs'><StatusView status='error' message={me.errorText} onRetry={me.reload} /></PageShell>
  if (!u || !options.data) return <PageShell className='cs'><StatusView status='loading' /></PageShell>

  const isResidentOnly = !u.roles.some((r) => r === 'staff' || r === 'admin' || r === 'grid_worker')
  const list = options.data
  const index = Math.max(0, list.findIndex((c) => c.id === communityId))
  const save = async () => {
    const errs: Record<string, string> = {}
    if (!name.trim()) errs.name = '请填写称呼，如：张阿姨、李建国'
    if (isResidentOnly && !communityId) errs.communityId = '请选择您所在的社区或村'
    if (isResidentOnly && !building.trim()) errs.building = '请填写楼栋门牌，如：12幢302'
    setErrors(errs)
    if (Object.keys(errs).length) return
    const saved = await saving.run(async () => {
      try {
        return await updateProfile({ name: name.trim(), communityId: communityId ?? undefined, building: building.trim() })
      } catch (err) {
        if (err instanceof ApiError) setErrors(Object.fromEntries(Object.entries(err.fields).map(([k, v]) => [k, v[0]])))
        throw err
      }
    }, { success: '资料已保存' })
    if (!saved) return
    useSession.getState().updateUser(saved)
    const pages = Taro.getCurrentPages?.() ?? []
    if (pages.length > 1) void Taro.navigateBack()
    else void Taro.switchTab({ url: ROUTES.mine })
  }

  return (
    <PageShell className='cs profile-page'>
      <View className='cs__card'>
        <Text className='cs__heading'>{u.profileMissing?.length ? '请完善您的资料' : '我的资料'}</Text>
        <Text className='cs__hint'>只需填写一次。工作人员和网格员按这些信息联系您、上门服务。</Text>
        <FormField label='称呼' value={name} onInput={setName} error={errors.name} placeholder='如：张秀英' className='profile__name' maxlength={20} />
        <View className='cs__field'>
          <Text className='cs__label'>所在社区或村{isResidentOnly ? '' : '（选填）'}</Text>
          {list.length ? (
            <Picker mode='selector' range={list.map((c) => `${c.name}（${COMMUNITY_KIND_LABELS[c.kind]}）`)} value={index} onChange={(e) => setCommunityId(list[Number(e.detail.value)].id)}>
              <View className='cs__input cs__picker profile__community'>
                <Text>{communityId ? list.find((c) => c.id === communityId)?.name : '请选择'}</Text>
                <Text>›</Text>
              </View>
            </Picker>
          ) : (
            <Text className='cs__hint'>街道还没有登记社区，请稍后再填。</Text>
          )}
          {errors.communityId ? <Text className='cs__error'>{errors.communityId}</Text> : null}
        </View>
        <FormField label={`楼栋门牌${isResidentOnly ? '' : '（选填）'}`} value={building} onInput={setBuilding} error={errors.building} placeholder='如：12幢302' className='profile__building' maxlength={50} />
        <View className='cs__field'>
          <Text className='cs__label'>手机号</Text>
          {u.phone ? <Text className='cs__hint'>已绑定 {u.phone}（报名、反映问题时自动带出，无需再填）</Text> : <BindPhoneButton />}
          {!u.phone ? <Text className='cs__hint'>在微信小程序里点「绑定手机号」，一键授权，无需手动输入。</Text> : null}
        </View>
        <Text className={`cs__btn profile__save ${saving.busy ? 'cs__btn--busy' : ''}`} onClick={() => void save()}>
          {saving.busy ? '正在保存…' : '保存'}
        </Text>
      </View>
    </PageShell>
  )
}
