import { useCallback, useEffect, useRef, useState } from 'react'
import Taro, { useRouter, usePullDownRefresh, useReachBottom, useDidShow } from '@tarojs/taro'
import { View, Text } from '@tarojs/components'
import { WISH_STATUS_LABELS, WISH_STATUSES, type WishStatus } from '@linli/domain'
import PageShell from '../../../../components/PageShell'
import StatusView from '../../../../components/StatusView'
import { fetchManageList } from '../../../../features/wishes/api/manage'
import type { ManageItem } from '../../../../features/wishes/types'
import { errorMessage } from '../../../../lib/request'
import { ROUTES, withQuery } from '../../../../lib/routes'
import '../wishes.scss'

/** My community's wishes by status (grid worker), and the 审核队列 (staff, status=pending_review). */
export default function ManageWishesPage() {
  const { params } = useRouter()
  const [status, setStatus] = useState<WishStatus | null>((params.status as WishStatus) || null)
  const [items, setItems] = useState<ManageItem[]>([])
  const [counts, setCounts] = useState<Partial<Record<WishStatus, number>>>({})
  const [cursor, setCursor] = useState<number | null>(null)
  const [loading, setLoading] = useState(true)
  const [error, setError] = useState('')
  const busy = useRef(false)

  const loadFirst = useCallback(async () => {
    setLoading(true)
    setError('')
    try {
      const page = await fetchManageList(status, null)
      setItems(page.items)
      setCounts(page.counts)
      setCursor(page.nextCursor)
    } catch (err) {
      setError(errorMessage(err))
    } finally {
      setLoading(false)
    }
  }, [status])

  useEffect(() => {
    void loadFirst()
  }, [loadFirst])
  useDidShow(() => {
    if (items.length) void loadFirst()
  })
  usePullDownRefresh(() => {
    void loadFirst().finally(() => Taro.stopPullDownRefresh())
  })
  useReachBottom(() => {
    if (!cursor || busy.current) return
    busy.current = true
    fetchManageList(status, cursor)
      .then((page) => {
        setItems((prev) => [...prev, ...page.items])
        setCursor(page.nextCursor)
      })
      .catch((err) => void Taro.showToast({ title: errorMessage(err), icon: 'none' }))
      .finally(() => (busy.current = false))
  })

  let body: JSX.Element
  if (loading && !items.length) body = <StatusView status='loading' />
  else if (error) body = <StatusView status='error' message={error} onRetry={loadFirst} />
  else if (!items.length) body = <StatusView status='empty' title={status ? `没有${WISH_STATUS_LABELS[status]}的心愿` : '还没有心愿'} />
  else
    body = (
      <>
        {items.map((w) => (
          <View key={w.id} className='wish-block wish-manage__item' onClick={() => void Taro.navigateTo({ url: withQuery(ROUTES.wishManageDetail, { id: w.id }) })}>
            <View className='wish-block__row'>
              <Text>{w.typeLabel} · {w.statusLabel}</Text>
              <Text>{w.wishBy}</Text>
            </View>
            <Text className='wish-block__title'>{w.title}</Text>
            <Text className='wish-block__hint'>{w.displayName}（{w.beneficiaryName}）</Text>
          </View>
        ))}
      </>
    )

  return (
    <PageShell className='wish-page wish-manage'>
      <View className='wish-tabs'>
        <Text className={`wish-tab ${status === null ? 'wish-tab--on' : ''}`} onClick={() => setStatus(null)}>全部</Text>
        {WISH_STATUSES.map((s) => (
          <Text key={s} className={`wish-tab ${status === s ? 'wish-tab--on' : ''}`} onClick={() => setStatus(s)}>
            {WISH_STATUS_LABELS[s]}{counts[s] ? ` ${counts[s]}` : ''}
          </Text>
        ))}
      </View>
      {body}
    </PageShell>
  )
}
