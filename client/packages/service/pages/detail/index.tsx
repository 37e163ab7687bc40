import { useState } from 'react'
import Taro, { useRouter } from '@tarojs/taro'
import { View, Text, Button } from '@tarojs/components'
import PageShell from '../../../../components/PageShell'
import Card from '../../../../components/Card'
import Tag from '../../../../components/Tag'
import StatusView from '../../../../components/StatusView'
import { useRemote } from '../../../../hooks/useRemote'
import { useAction } from '../../../../hooks/useAction'
import { followTicket, getTicket, revealPhone } from '../../../../features/service/api/tickets'
import PhotoStrip from '../../../../features/service/components/PhotoStrip'
import TicketActions from '../../../../features/service/components/TicketActions'
import TicketTimeline from '../../../../features/service/components/TicketTimeline'
import type { TicketDetail } from '../../../../features/service/types'
import { formatShortDateTime } from '../../../../lib/time'
import { ASK_ON, askSubscribe, primeTemplates } from '../../../../features/notifications/subscribe'
import '../service.scss'

/** One page for everyone: what each viewer may do comes from the server (`actions`); an action's answer is shown as is. */
export default function TicketDetailPage() {
  const router = useRouter()
  const id = Number(router.params?.id)
  const remote = useRemote<TicketDetail>(() => getTicket(id), [id], id > 0)
  void primeTemplates()
  const side = useAction()
  const [phone, setPhone] = useState<string | null>(null)
  const t = remote.data

  if (!(id > 0)) return <PageShell><StatusView status='error' message='没有找到这件事' /></PageShell>
  if (remote.loading && !t) return <PageShell><StatusView status='loading' rows={3} /></PageShell>
  if (remote.error && !t) return <PageShell><StatusView status='error' message={remote.errorText} onRetry={remote.reload} /></PageShell>
  if (!t) return <PageShell><StatusView status='loading' /></PageShell>

  const follow = async () => {
    // First, before any await: WeChat shows the subscribe dialog only inside the tap.
    void askSubscribe(ASK_ON.file)
    const next = await side.run(() => followTicket(id), { success: '已同问' })
    if (next) remote.setData(next)
  }
  const reveal = async () => {
    const res = await side.run(() => revealPhone(id))
    if (res) setPhone(res.phone)
  }

  return (
    <PageShell className='svc-detail'>
      <Card className='svc-detail__head' title={<Text>{t.category?.icon} {t.category?.name}</Text>} extra={<Tag tone={t.overdue || t.signOverdue ? 'warning' : 'primary'}>{t.overdue ? '已超时' : t.signOverdue ? '签收超时' : t.statusLabel}</Tag>}>
        {/* Number, what, where: each once, each on its own line. */}
        <View className='svc-head'>
          <Text className='svc-head__no'>编号 {t.number}</Text>
          <Text className='svc-head__desc'>{t.description}</Text>
          <Text className='svc-head__place'>
            📍 {t.point.name}
            {t.point.address && t.point.address !== t.point.name ? `（${t.point.address}）` : ''} · {t.community.name}
          </Text>
        </View>
        {t.triage ? (
          <Text className='svc-notice'>
            {t.triage === 'community' ? '外部渠道按坐标提交，离登记点位较远，已转入本社区待分拣：请核实位置后派单。' : '外部渠道按坐标提交，不在任何社区附近，已转入街道待分拣：请核实位置后派单或不予受理。'}
          </Text>
        ) : null}
        {t.addressString && t.addressString !== t.point.name && t.addressString !== t.point.address ? <Text className='svc-head__line'>位置描述：{t.addressString}</Text> : null}
        <Text className='svc-head__line'>同问 {t.followerCount} 人</Text>
        <PhotoStrip photos={t.photos} />
        {t.mergedInto ? <Text className='svc-head__line'>已合并到 {t.mergedInto.number}</Text> : null}
        {t.canFollow ? <Button className='btn btn--ghost' onClick={follow}>我也遇到（同问）</Button> : null}
      </Card>

      {t.contact ? (
        <Card title='反映人'>
          <View className='svc-row'>
            <Text>{t.requesterName ?? t.contact.name}{t.anonymous ? '（匿名）' : ''}</Text>
            <Text>{phone ?? t.contact.phone}</Text>
          </View>
          {t.contact.canReveal && !phone ? <Button className='btn btn--ghost btn--small' onClick={reveal}>查看完整号码</Button> : null}
          {phone ? <Button className='btn btn--ghost btn--small' onClick={() => Taro.makePhoneCall({ phoneNumber: phone })}>拨打</Button> : null}
          {t.assignee ? <Text className='svc-head__line'>承办网格员：{t.assignee.name}</Text> : null}
          {t.dueAt ? <Text className='svc-head__line'>处置时限：{formatShortDateTime(t.dueAt)}</Text> : null}
          {t.point.lat !== null && t.point.lng !== null ? (
            <Button className='btn btn--ghost btn--small' onClick={() => Taro.openLocation({ latitude: t.point.lat!, longitude: t.point.lng!, name: t.point.name, address: t.point.address ?? '' })}>导航到点位</Button>
          ) : null}
        </Card>
      ) : (
        <Card title='公开信息'>
          <Text className='muted'>反映人：{t.requesterName ?? '匿名'}</Text>
        </Card>
      )}

      {t.actions.length ? (
        <Card title='办理'>
          <TicketActions ticket={t} onDone={remote.setData} />
        </Card>
      ) : null}

      {t.rating ? (
        <Card title='评价'>
          <Text className='svc-rated' aria-label={`${t.rating} 星`}>{'★'.repeat(t.rating)}{'☆'.repeat(5 - t.rating)} {t.rating} 星</Text>
          {t.ratingComment ? <Text className='svc-event__note'>{t.ratingComment}</Text> : null}
        </Card>
      ) : null}

      <Card title='办理进度'>
        <TicketTimeline entries={t.timeline} />
      </Card>
    </PageShell>
  )
}
