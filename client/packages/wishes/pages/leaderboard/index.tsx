import { useState } from 'react'
import { Text, View } from '@tarojs/components'
import PageShell from '../../../../components/PageShell'
import { ChipGroup } from '../../../../components/Chip'
import StatusView from '../../../../components/StatusView'
import { useRemote } from '../../../../hooks/useRemote'
import { fetchLeaderboard } from '../../../../features/wishes/api/ledger'
import type { Leaderboard } from '../../../../features/wishes/types'
import '../wishes.scss'
import './index.scss'

/** 志愿排行榜: hours by community, and the volunteers with the most hours — overall or in one community, names masked. */
export default function LeaderboardPage() {
  const [communityId, setCommunityId] = useState<number | null>(null)
  // The community chips come from the overall board, so they stay while one community is shown.
  const [communities, setCommunities] = useState<Leaderboard['communities']>([])
  const board = useRemote(async () => {
    const b = await fetchLeaderboard(communityId)
    if (communityId === null) setCommunities(b.communities)
    return b
  }, [communityId])

  const b = board.data
  let body: JSX.Element
  if (board.loading && !b) body = <StatusView status='loading' />
  else if (board.error || !b) body = <StatusView status='error' message={board.errorText || '加载失败'} onRetry={board.reload} />
  else if (!b.volunteers.length) body = <StatusView status='empty' title='还没有志愿时长记录' hint='心愿圆梦、参加志愿活动后会计入排行' />
  else
    body = (
      <View className='wish-block board'>
        {b.volunteers.map((v) => (
          <View key={v.rank} className='board__row'>
            <Text className={`board__rank ${v.rank <= 3 ? 'board__rank--top' : ''}`}>第 {v.rank} 名</Text>
            <Text className='board__name'>{v.name}</Text>
            <Text className='board__hours'>{v.hours} 小时</Text>
          </View>
        ))}
        <Text className='wish-block__hint'>为保护隐私，姓名已打码。</Text>
      </View>
    )

  return (
    <PageShell className='wish-page leaderboard'>
      <ChipGroup
        className='wish-tabs'
        chipClassName='wish-tab'
        label='范围'
        options={[{ value: null, label: '全街道' }, ...communities.map((c) => ({ value: c.communityId, label: c.name }))]}
        value={communityId}
        onChange={(c) => setCommunityId(c ?? null)}
      />
      {communityId === null && communities.length ? (
        <View className='wish-block'>
          <Text className='wish-block__title'>各社区志愿时长</Text>
          {communities.map((c) => (
            <View key={c.communityId} className='wish-block__row'>
              <Text>{c.name}</Text>
              <Text>{c.hours} 小时 · {c.volunteers} 人</Text>
            </View>
          ))}
        </View>
      ) : null}
      {body}
    </PageShell>
  )
}
