import { useState } from 'react'
import Taro, { useRouter } from '@tarojs/taro'
import { View, Text, Button, Image, Textarea } from '@tarojs/components'
import { availableActions, AGE_GROUP_LABELS, GENDER_LABELS, WISH_TRANSITIONS } from '@linli/domain'
import PageShell from '../../../../components/PageShell'
import StatusView from '../../../../components/StatusView'
import Tag from '../../../../components/Tag'
import { useRemote } from '../../../../hooks/useRemote'
import { actOnWish, fetchManageDetail, type ManageAction } from '../../../../features/wishes/api/manage'
import { errorMessage } from '../../../../lib/request'
import { formatDateTime } from '../../../../lib/time'
import { useSession } from '../../../../stores/session'
import '../wishes.scss'

const MANAGER_ACTIONS: ManageAction[] = ['publish', 'reject', 'withdraw', 'confirm', 'send_back']

/** One wish for those who serve the beneficiary: the private record, proof, timeline and the allowed actions. */
export default function ManageWishPage() {
  const { params } = useRouter()
  const id = Number(params.id)
  const roles = useSession((s) => s.user?.roles ?? [])
  const remote = useRemote(() => fetchManageDetail(id), [id], !!id)
  const [reason, setReason] = useState('')
  const [busy, setBusy] = useState<ManageAction | null>(null)
  const [error, setError] = useState('')

  const w = remote.data
  if (remote.loading && !w) return <PageShell className='wish-page'><StatusView status='loading' /></PageShell>
  if (remote.error || !w) return <PageShell className='wish-page'><StatusView status='error' message={remote.errorText || '心愿编号无效'} onRetry={remote.reload} /></PageShell>

  const actions = (availableActions(WISH_TRANSITIONS, w.status, roles) as string[]).filter((a): a is ManageAction => (MANAGER_ACTIONS as string[]).includes(a))
  const needsReason = actions.some((a) => WISH_TRANSITIONS[w.status][a]?.needsReason)

  const act = async (action: ManageAction) => {
    const rule = WISH_TRANSITIONS[w.status][action]!
    if (rule.needsReason && reason.trim().length < 2) {
      setError(`请填写${rule.label}原因`)
      return
    }
    setBusy(action)
    setError('')
    try {
      await actOnWish(id, action, rule.needsReason ? reason.trim() : undefined)
      setReason('')
      void Taro.showToast({ title: `已${rule.label}`, icon: 'success' })
      await remote.reload()
    } catch (err) {
      setError(errorMessage(err))
    } finally {
      setBusy(null)
    }
  }

  return (
    <PageShell className='wish-page wish-manage-detail'>
      <View className='wish-block'>
        <View className='wish-block__row'>
          <Tag tone='primary'>{w.typeLabel}</Tag>
          <Text className='wish-manage-detail__status'>{w.statusLabel}</Text>
        </View>
        <Text className='wish-block__title'>{w.title}</Text>
        <Text className='wish-block__text'>{w.displayName}</Text>
        <Text className='wish-block__text'>{w.story}</Text>
        <Text className='wish-block__hint'>预估 {w.estimatedValue} 元 · 截止 {w.wishBy}{w.partyPriority ? ' · 党员优先' : ''}</Text>
        {w.lastReason ? <Text className='wish-block__error'>原因：{w.lastReason}</Text> : null}
      </View>
      {w.beneficiary ? (
        <View className='wish-block'>
          <Text className='wish-block__title'>心愿对象（不公开）</Text>
          <Text className='wish-block__text'>{w.beneficiary.name} · {GENDER_LABELS[w.beneficiary.gender]} · {AGE_GROUP_LABELS[w.beneficiary.ageGroup]}</Text>
          <Text className='wish-block__text'>{w.beneficiary.building}{w.beneficiary.phone ? ` · ${w.beneficiary.phone}` : ''}</Text>
          {w.beneficiary.situation ? <Text className='wish-block__hint'>{w.beneficiary.situation}</Text> : null}
        </View>
      ) : null}
      {w.claimer ? (
        <View className='wish-block'>
          <Text className='wish-block__title'>认领志愿者</Text>
          <Text className='wish-block__text'>{w.claimer.name}{w.claimer.isPartyMember ? '（党员）' : ''} {w.claimer.phone ?? ''}</Text>
          {w.claimExpiresAt && w.status === 'claimed' ? <Text className='wish-block__hint'>认领有效期至 {formatDateTime(w.claimExpiresAt)}</Text> : null}
        </View>
      ) : null}
      {w.proofPhotos.length || w.proofNote ? (
        <View className='wish-block'>
          <Text className='wish-block__title'>圆梦凭证</Text>
          <View className='wish-block__photos'>
            {w.proofPhotos.map((p) => (
              <Image key={p.id} className='wish-block__photo' src={p.thumbUrl} mode='aspectFill' onClick={() => void Taro.previewImage({ urls: w.proofPhotos.map((x) => x.url), current: p.url })} />
            ))}
          </View>
          {w.proofNote ? <Text className='wish-block__text'>{w.proofNote}</Text> : null}
        </View>
      ) : null}
      {actions.length ? (
        <View className='wish-block'>
          {needsReason ? <Textarea className='input wish-manage-detail__reason' value={reason} maxlength={200} placeholder='驳回、撤回或退回时请填写原因' onInput={(e) => setReason(e.detail.value)} /> : null}
          {error ? <Text className='wish-block__error'>{error}</Text> : null}
          <View className='wish-block__actions'>
            {actions.map((a) => (
              <Button key={a} className={`btn ${a === 'publish' || a === 'confirm' ? 'btn--primary' : 'btn--ghost'} wish-action--${a}`} loading={busy === a} disabled={!!busy} onClick={() => act(a)}>
                {WISH_TRANSITIONS[w.status][a]!.label}
              </Button>
            ))}
          </View>
        </View>
      ) : null}
      <View className='wish-block'>
        <Text className='wish-block__title'>处理记录</Text>
        {w.timeline.map((e, i) => (
          <Text key={i} className='wish-block__hint'>
            {formatDateTime(e.at)} {e.actorName ?? ''} → {e.label}{e.reason ? `（${e.reason}）` : ''}
          </Text>
        ))}
      </View>
    </PageShell>
  )
}
