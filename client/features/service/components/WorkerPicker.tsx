import { useState } from 'react'
import { Button, Input, Text, View } from '@tarojs/components'
import StatusView from '../../../components/StatusView'
import { useRemote } from '../../../hooks/useRemote'
import { errorMessage } from '../../../lib/errors'
import { listWorkers } from '../api/tickets'
import type { GridWorkerOption } from '../types'

interface Props {
  ticketId: number
  value: number | null
  onChange: (worker: GridWorkerOption | null) => void
  /** What choosing nobody means here (dispatch: the grid's worker on duty); absent: someone must be chosen. */
  noneLabel?: string
}

/**
 * 选择网格员: the grid workers of the ticket's community (on duty in one of its grids, or living there), the
 * ticket's own grid first in the server's order, searchable by name or phone, twenty at a time.
 */
export default function WorkerPicker({ ticketId, value, onChange, noneLabel }: Props) {
  const [draft, setDraft] = useState('')
  const [q, setQ] = useState('')
  const [more, setMore] = useState<GridWorkerOption[]>([])
  const [cursor, setCursor] = useState<number | null>(null)
  const [loadingMore, setLoadingMore] = useState(false)
  const [moreError, setMoreError] = useState('')
  const first = useRemote(async () => {
    const page = await listWorkers({ ticketId, q })
    setMore([])
    setCursor(page.nextCursor)
    return page
  }, [ticketId, q])
  const items = [...(first.data?.items ?? []), ...more]
  const loadMore = async () => {
    if (!cursor || loadingMore) return
    setLoadingMore(true)
    setMoreError('')
    try {
      const page = await listWorkers({ ticketId, q, cursor })
      setMore((m) => [...m, ...page.items])
      setCursor(page.nextCursor)
    } catch (err) {
      setMoreError(errorMessage(err))
    } finally {
      setLoadingMore(false)
    }
  }
  return (
    <View className='svc-pick'>
      <Text className='svc-label'>选择网格员</Text>
      <View className='svc-pick__bar'>
        <Input className='svc-input svc-pick__search' value={draft} placeholder='搜索姓名或手机号' confirmType='search' onInput={(e) => setDraft(e.detail.value)} onConfirm={(e) => setQ(e.detail.value.trim())} />
        <Button className='btn btn--ghost svc-pick__go' onClick={() => setQ(draft.trim())}>搜索</Button>
      </View>
      {/* Leaving it to the grid's worker on duty makes sense only when the grid has one. */}
      {noneLabel && items.some((w) => w.onTicketGrid) ? (
        <View className={`svc-pick__row ${value === null ? 'svc-pick__row--on' : ''}`} onClick={() => onChange(null)}>
          <Text className='svc-pick__name'>{value === null ? '● ' : '○ '}{noneLabel}</Text>
        </View>
      ) : null}
      {first.loading && !first.data ? (
        <StatusView status='loading' rows={1} />
      ) : first.error ? (
        <StatusView status='error' message={first.errorText} onRetry={first.reload} />
      ) : items.length === 0 ? (
        <StatusView status='empty' title={q ? `没有找到“${q}”` : '本社区还没有网格员'} hint={q ? '换个名字或手机号试试' : '请先在“人员”里邀请网格员'} />
      ) : (
        items.map((w) => (
          <View key={w.id} className={`svc-pick__row ${value === w.id ? 'svc-pick__row--on' : ''}`} onClick={() => onChange(w)}>
            <Text className='svc-pick__name'>{value === w.id ? '● ' : '○ '}{w.name}{w.onTicketGrid ? '（本网格）' : ''}</Text>
            <Text className='svc-pick__meta'>{[w.grids.join('、') || '未分配网格', w.phone].filter(Boolean).join(' · ')}</Text>
          </View>
        ))
      )}
      {cursor ? <Text className='svc-pick__more' onClick={loadMore}>{loadingMore ? '加载中…' : '加载更多'}</Text> : null}
      {moreError ? <Text className='svc-error'>{moreError}</Text> : null}
    </View>
  )
}
