import { useCallback, useEffect, useState } from 'react'
import Taro, { usePullDownRefresh, useReachBottom } from '@tarojs/taro'
import { Text, View } from '@tarojs/components'
import PageShell from '../../../../components/PageShell'
import StatusView from '../../../../components/StatusView'
import { exportUrl, fetchAttendees, fetchCounts } from '../../../../features/events/api/events'
import type { Attendee, Counts } from '../../../../features/events/types'
import { errorMessage } from '../../../../lib/request'
import { useSession } from '../../../../stores/session'
import '../events.scss'

const LIVE_MS = 10_000

/** Staff: live counts (报名 / 候补 / 签到), the attendee list (phones masked unless you manage the community), XLSX export. */
export default function ManageEventPage() {
  const id = Taro.getCurrentInstance()?.router?.params?.id ?? ''
  const token = useSession((s) => s.token)
  const [counts, setCounts] = useState<Counts | null>(null)
  const [items, setItems] = useState<Attendee[]>([])
  const [cursor, setCursor] = useState<string | null>(null)
  const [error, setError] = useState('')
  const [loading, setLoading] = useState(true)

  const load = useCallback(async () => {
    setLoading(true)
    setError('')
    try {
      const [c, page] = await Promise.all([fetchCounts(id), fetchAttendees(id, null)])
      setCounts(c)
      setItems(page.items)
      setCursor(page.nextCursor)
    } catch (err) {
      setError(errorMessage(err))
    } finally {
      setLoading(false)
    }
  }, [id])
  useEffect(() => {
    void load()
    const timer = setInterval(() => void fetchCounts(id).then(setCounts).catch(() => undefined), LIVE_MS)
    return () => clearInterval(timer)
  }, [load, id])
  usePullDownRefresh(() => void load().finally(() => Taro.stopPullDownRefresh()))
  useReachBottom(() => {
    if (!cursor) return
    void fetchAttendees(id, cursor).then((page) => {
      setItems((prev) => [...prev, ...page.items])
      setCursor(page.nextCursor)
    })
  })
  const onExport = () => {
    const url = exportUrl(id, token ?? '')
    if (process.env.TARO_ENV === 'weapp') {
      void Taro.downloadFile({ url })
        .then((r) => Taro.openDocument({ filePath: r.tempFilePath, fileType: 'xlsx', showMenu: true }))
        .catch(() => Taro.showToast({ title: '导出失败，请重试', icon: 'none' }))
    } else if (typeof window !== 'undefined') {
      window.open(url, '_blank')
    }
  }

  if (loading && !counts) return <PageShell className='ev'><StatusView status='loading' /></PageShell>
  if (error) return <PageShell className='ev'><StatusView status='error' message={error} onRetry={load} /></PageShell>
  return (
    <PageShell className='ev ev-manage'>
      {counts ? (
        <View className='ev__card ev__counts'>
          <View><Text className='ev__count-n ev-manage__signed'>{counts.signedUp}/{counts.capacity}</Text><Text className='ev__muted'>已报名</Text></View>
          <View><Text className='ev__count-n ev-manage__waiting'>{counts.waitlisted}</Text><Text className='ev__muted'>候补</Text></View>
          <View><Text className='ev__count-n ev-manage__checked'>{counts.checkedIn}</Text><Text className='ev__muted'>已签到</Text></View>
        </View>
      ) : null}
      <View className='ev__actions'>
        <Text className='ev__btn ev__btn--ghost' onClick={onExport}>导出名单（Excel）</Text>
      </View>
      {items.length === 0 ? <StatusView status='empty' title='还没有人报名' /> : null}
      {items.map((p) => (
        <View key={p.id} className='ev__card ev-manage__row'>
          <Text className='ev__row'>{p.name} · {p.phone ?? '无手机号'}{p.proxy ? ' · 代报名' : ''}</Text>
          <Text className='ev__muted'>{p.statusLabel}{p.hours !== null ? ` · ${p.hours} 小时` : ''}</Text>
        </View>
      ))}
    </PageShell>
  )
}
