import { useEffect } from 'react'
import { useRouter } from '@tarojs/taro'
import { Text, View } from '@tarojs/components'
import ListFooter from '../../../../components/ListFooter'
import PageShell from '../../../../components/PageShell'
import StatusView from '../../../../components/StatusView'
import { usePagedList } from '../../../../hooks/usePagedList'
import { useRemote } from '../../../../hooks/useRemote'
import { exportPath, fetchAttendees, fetchCounts } from '../../../../features/events/api/manage'
import { downloadFile } from '../../../../lib/download'
import type { AttendeeView } from '../../../../features/events/types'
import { useAction } from '../../../../hooks/useAction'
import '../events.scss'

const LIVE_MS = 10_000

/** Staff: live counts (报名 / 候补 / 签到), the attendee list (phones masked unless you manage the community), XLSX export. */
export default function ManageEventPage() {
  const { params } = useRouter()
  const id = params?.id ?? ''
  const exporting = useAction()
  const counts = useRemote(() => fetchCounts(id), [id], !!id)
  const people = usePagedList<AttendeeView, string>((cursor) => fetchAttendees(id, cursor), [id], { enabled: !!id })
  const { reload } = counts
  useEffect(() => {
    const timer = setInterval(() => void reload(), LIVE_MS)
    return () => clearInterval(timer)
  }, [reload])

  const c = counts.data
  if (!c && (counts.loading || people.loading)) return <PageShell className='ev'><StatusView status='loading' /></PageShell>
  if (!c || people.error) {
    const retry = () => void Promise.all([counts.reload(), people.reload()])
    return <PageShell className='ev'><StatusView status='error' message={counts.errorText || people.errorText} onRetry={retry} /></PageShell>
  }
  return (
    <PageShell className='ev ev-manage'>
      <View className='ev__card ev__counts'>
        <View><Text className='ev__count-n ev-manage__signed'>{c.signedUp}/{c.capacity}</Text><Text className='ev__muted'>已报名</Text></View>
        <View><Text className='ev__count-n ev-manage__waiting'>{c.waitlisted}</Text><Text className='ev__muted'>候补</Text></View>
        <View><Text className='ev__count-n ev-manage__checked'>{c.checkedIn}</Text><Text className='ev__muted'>已签到</Text></View>
      </View>
      <View className='ev__actions'>
        <Text className='ev__btn ev__btn--ghost ev-manage__export' onClick={() => void exporting.run(() => downloadFile(exportPath(id), {}, `activity-${id}-attendees.xlsx`), { success: '名单已导出' })}>
          {exporting.busy ? '导出中…' : '导出名单（Excel）'}
        </Text>
      </View>
      {people.empty ? <StatusView status='empty' title='还没有人报名' /> : null}
      {people.items.map((p) => (
        <View key={p.id} className='ev__card ev-manage__row'>
          <Text className='ev__row'>{p.name} · {p.phone ?? '无手机号'}{p.proxy ? ' · 代报名' : ''}</Text>
          <Text className='ev__muted'>{p.statusLabel}{p.hours !== null ? ` · ${p.hours} 小时` : ''}</Text>
          {p.autoCheckedOut ? <Text className='ev__flag'>未签退 · 按计划结束时间自动结算</Text> : null}
        </View>
      ))}
      {people.items.length ? <ListFooter list={people} /> : null}
    </PageShell>
  )
}
