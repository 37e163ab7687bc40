import { useState } from 'react'
import { Text, View } from '@tarojs/components'
import PageShell from '../../../../components/PageShell'
import { ChipGroup } from '../../../../components/Chip'
import StatusView from '../../../../components/StatusView'
import { useRemote } from '../../../../hooks/useRemote'
import { fetchBranches } from '../../../../features/wishes/api/ledger'
import { formatDate } from '../../../../lib/time'
import { useSession } from '../../../../stores/session'
import '../wishes.scss'
import './index.scss'

/**
 * 支部党员认领: the wishes each branch's party members fulfilled, and their volunteer hours. Staff see the branches
 * whose members served their communities (one community at a time if they serve several); a 支部书记 sees every
 * member of their own branch.
 */
export default function BranchesPage() {
  const user = useSession((s) => s.user)
  const isStaff = !!user?.roles.some((r) => r === 'staff' || r === 'admin')
  const communities = isStaff ? user?.communities ?? [] : []
  const [communityId, setCommunityId] = useState<number | null>(null)
  const report = useRemote(() => fetchBranches(communityId), [communityId])
  const r = report.data

  let body: JSX.Element
  if (report.loading && !r) body = <StatusView status='loading' />
  else if (report.error || !r) body = <StatusView status='error' message={report.errorText || '加载失败'} onRetry={report.reload} />
  else if (!r.branches.length) body = <StatusView status='empty' title='还没有党员认领的心愿' hint='党员志愿者圆梦的心愿会按支部列在这里' />
  else
    body = (
      <>
        {r.branches.map((b) => (
          <View key={b.branch} className='wish-block branch'>
            <Text className='wish-block__title branch__name'>{b.branch}</Text>
            <View className='branch__sums'>
              <View className='branch__sum'><Text className='branch__num'>{b.wishCount}</Text><Text className='wish-block__hint'>圆梦心愿（个）</Text></View>
              <View className='branch__sum'><Text className='branch__num'>{b.hours}</Text><Text className='wish-block__hint'>党员志愿时长（小时）</Text></View>
              <View className='branch__sum'><Text className='branch__num'>{b.members.length}</Text><Text className='wish-block__hint'>党员（人）</Text></View>
            </View>
            {b.members.map((m) => (
              <View key={m.userId} className='branch__member'>
                <View className='wish-block__row'>
                  <Text className='branch__member-name'>{m.name}</Text>
                  <Text>{m.hours} 小时 · 圆梦 {m.wishes.length} 个</Text>
                </View>
                {m.wishes.map((w) => (
                  <Text key={w.id} className='wish-block__hint branch__wish'>· {w.title}（{w.displayName}）{w.confirmedAt ? ` ${formatDate(w.confirmedAt)}` : ''}</Text>
                ))}
              </View>
            ))}
          </View>
        ))}
      </>
    )

  return (
    <PageShell className='wish-page branches'>
      {r?.viewer === 'secretary' ? <Text className='branches__who'>你是本支部书记，可查看本支部全部党员的认领与时长。</Text> : null}
      {communities.length > 1 ? (
        <ChipGroup
          className='wish-tabs'
          chipClassName='wish-tab'
          label='社区'
          options={[{ value: null, label: '全部社区' }, ...communities.map((c) => ({ value: c.id, label: c.name }))]}
          value={communityId}
          onChange={(c) => setCommunityId(c ?? null)}
        />
      ) : null}
      {body}
    </PageShell>
  )
}
