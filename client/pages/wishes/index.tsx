import { useCallback, useEffect, useRef, useState } from 'react'
import Taro, { usePullDownRefresh, useReachBottom } from '@tarojs/taro'
import { View, Text } from '@tarojs/components'
import { WISH_TYPE_LABELS, WISH_TYPES, type WishType } from '@linli/domain'
import PageShell from '../../components/PageShell'
import StatusView from '../../components/StatusView'
import WishCardView from '../../features/wishes/components/WishCardView'
import { fetchWall } from '../../features/wishes/api/wall'
import type { WishCard } from '../../features/wishes/types'
import { errorMessage } from '../../lib/request'
import { ROUTES, withQuery } from '../../lib/routes'
import { useSession } from '../../stores/session'
import './index.scss'

/** 心愿墙: published wishes, nearest wish-by date first; filters by type and "my community"; keyset load-more. */
export default function WishesPage() {
  const user = useSession((s) => s.user)
  const roles = user?.roles ?? []
  const [type, setType] = useState<WishType | null>(null)
  const [onlyMine, setOnlyMine] = useState(false)
  const communityId = onlyMine ? user?.communityId ?? user?.grids?.[0]?.communityId ?? null : null
  const [items, setItems] = useState<WishCard[]>([])
  const [cursor, setCursor] = useState<string | null>(null)
  const [loading, setLoading] = useState(true)
  const [error, setError] = useState('')
  const [moreError, setMoreError] = useState('')
  const busy = useRef(false)

  const loadFirst = useCallback(async () => {
    setLoading(true)
    setError('')
    try {
      const page = await fetchWall({ type, communityId }, null)
      setItems(page.items)
      setCursor(page.nextCursor)
    } catch (err) {
      setError(errorMessage(err))
    } finally {
      setLoading(false)
    }
  }, [type, communityId])

  const loadMore = useCallback(async () => {
    if (!cursor || busy.current) return
    busy.current = true
    setMoreError('')
    try {
      const page = await fetchWall({ type, communityId }, cursor)
      setItems((prev) => [...prev, ...page.items.filter((w) => !prev.some((p) => p.id === w.id))])
      setCursor(page.nextCursor)
    } catch (err) {
      setMoreError(errorMessage(err))
    } finally {
      busy.current = false
    }
  }, [cursor, type, communityId])

  useEffect(() => {
    void loadFirst()
  }, [loadFirst])
  usePullDownRefresh(() => {
    void loadFirst().finally(() => Taro.stopPullDownRefresh())
  })
  useReachBottom(() => {
    void loadMore()
  })

  const go = (url: string) => () => void Taro.navigateTo({ url })

  let body: JSX.Element
  if (loading && items.length === 0) body = <StatusView status='loading' />
  else if (error) body = <StatusView status='error' message={error} onRetry={loadFirst} />
  else if (items.length === 0) body = <StatusView status='empty' title='暂时没有待认领的心愿' hint='网格员录入、审核通过的心愿会出现在这里' />
  else
    body = (
      <View className='wish-wall__list'>
        {items.map((w) => (
          <WishCardView key={w.id} wish={w} onClick={go(withQuery(ROUTES.wishDetail, { id: w.id }))} />
        ))}
        {moreError ? (
          <Text className='wish-wall__more wish-wall__more--error' onClick={loadMore}>
            {moreError}，点此重试
          </Text>
        ) : (
          <Text className='wish-wall__more'>{cursor ? '上拉加载更多' : '没有更多了'}</Text>
        )}
      </View>
    )

  return (
    <PageShell className='wish-wall'>
      <View className='wish-wall__shortcuts'>
        {roles.includes('volunteer') ? (
          <>
            <Text className='wish-wall__shortcut' onClick={go(ROUTES.wishClaims)}>我的认领</Text>
            <Text className='wish-wall__shortcut' onClick={go(ROUTES.wishLedger)}>我的志愿时长</Text>
          </>
        ) : null}
        {roles.includes('grid_worker') || roles.includes('staff') ? (
          <>
            <Text className='wish-wall__shortcut' onClick={go(ROUTES.wishRecord)}>录入心愿</Text>
            <Text className='wish-wall__shortcut' onClick={go(ROUTES.wishManage)}>社区心愿</Text>
          </>
        ) : null}
        {roles.includes('staff') || roles.includes('admin') ? (
          <Text className='wish-wall__shortcut' onClick={go(withQuery(ROUTES.wishManage, { status: 'pending_review' }))}>审核队列</Text>
        ) : null}
      </View>
      <View className='wish-wall__filters'>
        <Text className={`chip ${type === null ? 'chip--on' : ''}`} onClick={() => setType(null)}>全部</Text>
        {WISH_TYPES.map((t) => (
          <Text key={t} className={`chip ${type === t ? 'chip--on' : ''}`} onClick={() => setType(t)}>
            {WISH_TYPE_LABELS[t]}
          </Text>
        ))}
        {user?.communityId || user?.grids?.length ? (
          <Text className={`chip ${onlyMine ? 'chip--on' : ''}`} onClick={() => setOnlyMine(!onlyMine)}>只看本社区</Text>
        ) : null}
      </View>
      {body}
    </PageShell>
  )
}
