import { useState } from 'react'
import Taro from '@tarojs/taro'
import { View, Text } from '@tarojs/components'
import { WISH_TYPE_LABELS, WISH_TYPES, type WishType } from '@linli/domain'
import ListFooter from '../../components/ListFooter'
import PageShell from '../../components/PageShell'
import StatusView from '../../components/StatusView'
import WishCardView from '../../features/wishes/components/WishCardView'
import { fetchWall } from '../../features/wishes/api/wall'
import type { WishCard, WishWallPage } from '../../features/wishes/types'
import { usePagedList } from '../../hooks/usePagedList'
import { ROUTES, withQuery } from '../../lib/routes'
import { useShareCard } from '../../features/share/share'
import { useSession } from '../../stores/session'
import './index.scss'
import { Chip, ChipGroup } from '../../components/Chip'

/** 心愿墙: published wishes, nearest wish-by date first; filters by type and "my community"; keyset load-more. */
export default function WishesPage() {
  const user = useSession((s) => s.user)
  const roles = user?.roles ?? []
  const [type, setType] = useState<WishType | null>(null)
  const [onlyMine, setOnlyMine] = useState(false)
  const communityId = onlyMine ? user?.communityId ?? user?.grids?.[0]?.communityId ?? null : null
  const list = usePagedList<WishCard, string, WishWallPage>((cursor) => fetchWall({ type, communityId }, cursor), [type, communityId])

  const go = (url: string) => () => void Taro.navigateTo({ url })
  useShareCard(() => ({ title: '心愿墙：邻里的小心愿，等你来认领', path: ROUTES.wishes }))

  let body: JSX.Element
  if (list.loading && list.items.length === 0) body = <StatusView status='loading' />
  else if (list.error) body = <StatusView status='error' message={list.errorText} onRetry={list.reload} />
  else if (list.empty) body = <StatusView status='empty' title='暂时没有待认领的心愿' hint='网格员录入、审核通过的心愿会出现在这里' />
  else
    body = (
      <View className='wish-wall__list'>
        {list.items.map((w) => (
          <WishCardView key={w.id} wish={w} onClick={go(withQuery(ROUTES.wishDetail, { id: w.id }))} />
        ))}
        <ListFooter list={list} />
      </View>
    )

  return (
    <PageShell className='wish-wall'>
      <View className='page-heading' role='heading' aria-level={1}>微心愿</View>
      <Text className='page-heading__sub'>身边有困难的邻居的小心愿，认领一个，帮他圆梦。</Text>
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
          <>
            <Text className='wish-wall__shortcut' onClick={go(withQuery(ROUTES.wishManage, { status: 'pending_review' }))}>审核队列</Text>
            <Text className='wish-wall__shortcut wish-wall__branches' onClick={go(ROUTES.wishBranches)}>支部党员认领</Text>
            <Text className='wish-wall__shortcut wish-wall__volunteers' onClick={go(ROUTES.wishVolunteers)}>志愿者记录</Text>
          </>
        ) : null}
        {user ? <Text className='wish-wall__shortcut wish-wall__board' onClick={go(ROUTES.wishLeaderboard)}>志愿排行榜</Text> : null}
      </View>
      <View className='wish-wall__filters'>
        <ChipGroup
          label='心愿类型'
          options={[{ value: null, label: '全部' }, ...WISH_TYPES.map((t) => ({ value: t, label: WISH_TYPE_LABELS[t] }))]}
          value={type}
          onChange={(t) => setType(t ?? null)}
        />
        {user?.communityId || user?.grids?.length ? (
          <Chip role='checkbox' selected={onlyMine} onTap={() => setOnlyMine(!onlyMine)}>只看本社区</Chip>
        ) : null}
      </View>
      {body}
    </PageShell>
  )
}
