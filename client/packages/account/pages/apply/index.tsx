import { useState } from 'react'
import Taro from '@tarojs/taro'
import { Text, Textarea, View } from '@tarojs/components'
import PageShell from '../../../../components/PageShell'
import StatusView from '../../../../components/StatusView'
import { applyToVolunteer, actOnApplication, fetchMyApplication } from '../../../../features/people/api/applications'
import { listBranches } from '../../../../features/people/api/branches'
import { fetchMe } from '../../../../features/auth/api/me'
import { useAction } from '../../../../hooks/useAction'
import { useRemote } from '../../../../hooks/useRemote'
import { ApiError } from '../../../../lib/errors'
import { formatDateTime } from '../../../../lib/time'
import { ROUTES } from '../../../../lib/routes'
import { useSession } from '../../../../stores/session'
import '../../../console/console.scss'
import { confirm } from '../../../../lib/confirm'

/**
 * 申请成为志愿者: a resident asks, as a party member of a 支部 or not; staff of their community decide, and the
 * answer (with the reason, when it is no) comes to the message centre and shows here.
 */
export default function ApplyPage() {
  const token = useSession((s) => s.token)
  const state = useRemote(async () => {
    const [me, mine, branches] = await Promise.all([fetchMe(), fetchMyApplication(), listBranches()])
    useSession.getState().updateUser(me)
    return { me, mine, branches }
  }, [token], !!token, { reloadOnShow: true })
  const [party, setParty] = useState(false)
  const [branchId, setBranchId] = useState<number | null>(null)
  const [note, setNote] = useState('')
  const [errors, setErrors] = useState<Record<string, string>>({})
  const action = useAction()

  if (!token) {
    return (
      <PageShell className='cs'>
        <StatusView status='empty' title='请先登录' hint='登录后即可申请成为志愿者' />
        <Text className='cs__btn' onClick={() => void Taro.navigateTo({ url: ROUTES.login })}>去登录</Text>
      </PageShell>
    )
  }
  if (state.error) return <PageShell className='cs'><StatusView status='error' message={state.errorText} onRetry={state.reload} /></PageShell>
  if (!state.data) return <PageShell className='cs'><StatusView status='loading' /></PageShell>
  const { me, mine, branches } = state.data

  if (me.roles.includes('volunteer') && !(mine?.status === 'pending')) {
    return (
      <PageShell className='cs apply-page'>
        <View className='cs__card'>
          <Text className='cs__heading'>您已经是{me.isPartyMember ? '党员' : ''}志愿者</Text>
          <Text className='cs__hint'>可以在「心愿」里认领心愿，在「活动」里报名志愿服务。</Text>
          <Text className='cs__btn' onClick={() => void Taro.switchTab({ url: ROUTES.wishes })}>去看心愿</Text>
        </View>
      </PageShell>
    )
  }
  if (!me.communityId) {
    return (
      <PageShell className='cs apply-page'>
        <View className='cs__card'>
          <Text className='cs__heading'>先告诉我们您住在哪个社区</Text>
          <Text className='cs__hint'>申请由您所在社区的工作人员审核。</Text>
          <Text className='cs__btn apply__profile' onClick={() => void Taro.navigateTo({ url: ROUTES.profile })}>去完善资料</Text>
        </View>
      </PageShell>
    )
  }

  const submit = async () => {
    setErrors({})
    if (party && branches.length && !branchId) {
      setErrors({ branchId: '请选择您所在的党支部' })
      return
    }
    const r = await action.run(async () => {
      try {
        return await applyToVolunteer({ isPartyMember: party, branchId: party ? branchId ?? undefined : undefined, note: note.trim() || undefined })
      } catch (err) {
        if (err instanceof ApiError) setErrors(Object.fromEntries(Object.entries(err.fields).map(([k, v]) => [k, v[0]])))
        throw err
      }
    }, { success: '申请已提交' })
    if (r) void state.reload()
  }
  const withdraw = async () => {
    if (!mine) return
    const confirmed = await confirm({ title: '撤回申请', content: '确定撤回申请吗？之后可以重新申请。', danger: true })
    if (!confirmed) return
    const r = await action.run(() => actOnApplication(mine.id, 'withdraw'), { success: '已撤回' })
    if (r) void state.reload()
  }

  const status = mine ? (
    <View className='cs__card apply__status'>
      <Text className='cs__heading'>我的申请：{mine.statusLabel}</Text>
      <Text className='cs__item-meta'>
        {mine.isPartyMember ? `党员志愿者${mine.branch ? ` · ${mine.branch}` : ''}` : '志愿者'} · {mine.communityName} · {formatDateTime(mine.createdAt)} 提交
      </Text>
      {mine.status === 'pending' ? <Text className='cs__hint'>社区工作人员审核后，会在消息中心通知您。</Text> : null}
      {mine.status === 'refused' ? <Text className='cs__hint'>未通过的理由：{mine.reason}。您可以修改后重新申请。</Text> : null}
      {mine.status === 'pending' ? (
        <Text className='cs__btn cs__btn--danger cs__btn--small' onClick={() => void withdraw()}>撤回申请</Text>
      ) : null}
    </View>
  ) : null

  if (mine?.status === 'pending') return <PageShell className='cs apply-page'>{status}</PageShell>

  return (
    <PageShell className='cs apply-page'>
      {status}
      <View className='cs__card'>
        <Text className='cs__heading'>申请成为志愿者</Text>
        <Text className='cs__hint'>志愿者可以认领困难群众的微心愿、参加志愿服务活动并记录志愿时长。由{me.communityName ?? '您所在社区'}的工作人员审核。</Text>
        <Text className='cs__label'>您是党员吗？</Text>
        <View className='cs__chips apply__party'>
          <Text className={`cs__chip ${!party ? 'cs__chip--on' : ''}`} onClick={() => setParty(false)}>不是党员</Text>
          <Text className={`cs__chip ${party ? 'cs__chip--on' : ''}`} onClick={() => setParty(true)}>是党员</Text>
        </View>
        {party ? (
          <View className='cs__field'>
            <Text className='cs__label'>所在党支部</Text>
            {branches.length ? (
              <View className='cs__chips apply__branches'>
                {branches.map((b) => (
                  <Text key={b.id} className={`cs__chip ${branchId === b.id ? 'cs__chip--on' : ''}`} onClick={() => setBranchId(b.id)}>{b.name}</Text>
                ))}
              </View>
            ) : (
              <Text className='cs__hint'>街道还没有登记党支部，可以先提交，审核时由工作人员登记。</Text>
            )}
            {errors.branchId ? <Text className='cs__error'>{errors.branchId}</Text> : null}
          </View>
        ) : null}
        <View className='cs__field'>
          <Text className='cs__label'>想说的话（选填）</Text>
          <Textarea className='cs__input cs__textarea' value={note} maxlength={200} placeholder='如：退休教师，周末有空，会修家电' onInput={(e) => setNote(e.detail.value)} />
          {errors.note ? <Text className='cs__error'>{errors.note}</Text> : null}
        </View>
        {errors.communityId ? <Text className='cs__error'>{errors.communityId}</Text> : null}
        <Text className={`cs__btn apply__submit ${action.busy ? 'cs__btn--busy' : ''}`} onClick={() => void submit()}>
          {action.busy ? '正在提交…' : '提交申请'}
        </Text>
      </View>
    </PageShell>
  )
}
