import { useEffect, useState } from 'react'
import Taro from '@tarojs/taro'
import { View, Text, Button, Textarea, Image } from '@tarojs/components'
import { claimCountdown } from '@linli/domain'
import PageShell from '../../../../components/PageShell'
import StatusView from '../../../../components/StatusView'
import Tag from '../../../../components/Tag'
import { useRemote } from '../../../../hooks/useRemote'
import { fetchMyClaims } from '../../../../features/wishes/api/my-claims'
import { releaseWish, submitProof } from '../../../../features/wishes/api/claim'
import { pickAndUploadPhotos } from '../../../../features/wishes/api/upload-photo'
import type { WishPhoto } from '../../../../features/wishes/types'
import { errorMessage } from '../../../../lib/request'
import { ROUTES, withQuery } from '../../../../lib/routes'
import '../wishes.scss'

function ProofForm({ wishId, onDone }: { wishId: number; onDone: () => void }) {
  const [photos, setPhotos] = useState<WishPhoto[]>([])
  const [note, setNote] = useState('')
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState('')
  const pick = async () => {
    setError('')
    try {
      const added = await pickAndUploadPhotos(6 - photos.length)
      setPhotos((prev) => [...prev, ...added].slice(0, 6))
    } catch (err) {
      setError(errorMessage(err))
    }
  }
  const submit = async () => {
    if (!photos.length) return setError('请至少上传一张圆梦凭证照片')
    if (note.trim().length < 2) return setError('请写一句圆梦说明')
    setBusy(true)
    setError('')
    try {
      await submitProof(wishId, photos.map((p) => p.id), note.trim())
      void Taro.showToast({ title: '已提交，等待网格员确认', icon: 'none' })
      onDone()
    } catch (err) {
      setError(errorMessage(err))
    } finally {
      setBusy(false)
    }
  }
  return (
    <View className='wish-proof'>
      <View className='wish-block__photos'>
        {photos.map((p) => (
          <Image key={p.id} className='wish-block__photo' src={p.thumbUrl} mode='aspectFill' />
        ))}
      </View>
      <Button className='btn btn--ghost wish-proof__pick' onClick={pick}>选择照片</Button>
      <Textarea className='input wish-proof__note' value={note} maxlength={300} placeholder='圆梦说明，例如：已把米和油送到服务站' onInput={(e) => setNote(e.detail.value)} />
      {error ? <Text className='wish-block__error'>{error}</Text> : null}
      <Button className='btn btn--primary wish-proof__submit' loading={busy} disabled={busy} onClick={submit}>提交圆梦凭证</Button>
    </View>
  )
}

/** 我的认领: each claim's countdown, 放弃, 上传圆梦凭证, and the hand-off contact. */
export default function MyClaimsPage() {
  const remote = useRemote(fetchMyClaims, [])
  const [now, setNow] = useState(() => new Date())
  const [proofFor, setProofFor] = useState<number | null>(null)
  useEffect(() => {
    const timer = setInterval(() => setNow(new Date()), 60_000)
    return () => clearInterval(timer)
  }, [])

  const release = async (id: number) => {
    const { confirm } = await Taro.showModal({ title: '放弃认领', content: '放弃后心愿会回到心愿墙，由其他志愿者认领。确定放弃吗？' })
    if (!confirm) return
    try {
      await releaseWish(id)
      void Taro.showToast({ title: '已放弃', icon: 'none' })
      await remote.reload()
    } catch (err) {
      void Taro.showToast({ title: errorMessage(err), icon: 'none' })
    }
  }

  const data = remote.data
  let body: JSX.Element
  if (remote.loading && !data) body = <StatusView status='loading' />
  else if (remote.error) body = <StatusView status='error' message={remote.errorText} onRetry={remote.reload} />
  else if (!data || data.items.length === 0) body = <StatusView status='empty' title='还没有认领心愿' hint='去心愿墙看看，认领一个力所能及的心愿' />
  else
    body = (
      <>
        {data.items.map((w) => (
          <View key={w.id} className='wish-block wish-claim'>
            <View className='wish-block__row'>
              <Tag tone={w.status === 'confirmed' ? 'success' : 'primary'}>{w.statusLabel}</Tag>
              {w.claim.expiresAt ? <Text className='wish-claim__countdown'>{claimCountdown(w.claim.expiresAt, now)}</Text> : null}
            </View>
            <Text className='wish-block__title' onClick={() => void Taro.navigateTo({ url: withQuery(ROUTES.wishDetail, { id: w.id }) })}>{w.title}</Text>
            <Text className='wish-block__text'>{w.displayName}</Text>
            {w.claim.handoff.gridWorker ? (
              <Text className='wish-block__hint'>
                交接：网格员 {w.claim.handoff.gridWorker.name} {w.claim.handoff.gridWorker.phone ?? ''} · {w.claim.handoff.meetingPoint}
              </Text>
            ) : null}
            {w.claim.lastReason && w.status === 'claimed' ? <Text className='wish-block__error'>退回原因：{w.claim.lastReason}</Text> : null}
            {w.status === 'claimed' ? (
              <View className='wish-block__actions'>
                <Button className='btn btn--ghost wish-claim__release' onClick={() => release(w.id)}>放弃</Button>
                <Button className='btn btn--primary wish-claim__proof' onClick={() => setProofFor(proofFor === w.id ? null : w.id)}>上传圆梦凭证</Button>
              </View>
            ) : null}
            {proofFor === w.id && w.status === 'claimed' ? <ProofForm wishId={w.id} onDone={() => { setProofFor(null); void remote.reload() }} /> : null}
          </View>
        ))}
      </>
    )

  return (
    <PageShell className='wish-page wish-claims'>
      {data?.status ? (
        <View className='wish-block'>
          <Text className='wish-block__text'>
            正在认领 {data.status.activeClaims} / {data.status.limit} 个
          </Text>
          {data.status.pausedMessage ? <Text className='wish-block__error'>{data.status.pausedMessage}</Text> : null}
        </View>
      ) : null}
      {body}
    </PageShell>
  )
}
