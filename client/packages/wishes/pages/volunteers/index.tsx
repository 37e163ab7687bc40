import { useState } from 'react'
import Taro from '@tarojs/taro'
import { Input, Text, View } from '@tarojs/components'
import ListFooter from '../../../../components/ListFooter'
import PageShell from '../../../../components/PageShell'
import StatusView from '../../../../components/StatusView'
import { usePagedList } from '../../../../hooks/usePagedList'
import { fetchVolunteers } from '../../../../features/wishes/api/ledger'
import type { VolunteerPage, VolunteerRow } from '../../../../features/wishes/types'
import { ROUTES, withQuery } from '../../../../lib/routes'
import '../wishes.scss'
import './index.scss'

/** Staff: the volunteers of their communities, searchable by name, each opening their 志愿服务记录. */
export default function VolunteersPage() {
  const [typed, setTyped] = useState('')
  const [q, setQ] = useState('')
  const list = usePagedList<VolunteerRow, number, VolunteerPage>((cursor) => fetchVolunteers(q, cursor), [q], { key: (v) => v.userId })

  let body: JSX.Element
  if (list.loading && !list.items.length) body = <StatusView status='loading' />
  else if (list.error) body = <StatusView status='error' message={list.errorText} onRetry={list.reload} />
  else if (list.empty) body = <StatusView status='empty' title={q ? `没有叫“${q}”的志愿者` : '你负责的社区还没有志愿者'} hint='志愿者通过邀请或申请加入后会出现在这里' />
  else
    body = (
      <>
        {list.items.map((v) => (
          <View key={v.userId} className='wish-block volunteers__row' onClick={() => void Taro.navigateTo({ url: withQuery(ROUTES.wishVolunteer, { id: v.userId }) })}>
            <View className='wish-block__row'>
              <Text className='wish-block__title'>{v.name}</Text>
              <Text className='volunteers__hours'>{v.hours} 小时</Text>
            </View>
            <Text className='wish-block__hint'>
              {[v.communityName, v.isPartyMember ? `党员${v.branch ? ` · ${v.branch}` : ''}` : null, v.phone].filter(Boolean).join(' · ')}
            </Text>
          </View>
        ))}
        <ListFooter list={list} />
      </>
    )

  return (
    <PageShell className='wish-page volunteers'>
      <View className='volunteers__search'>
        <Input className='volunteers__input' value={typed} maxlength={20} placeholder='按姓名搜索' confirmType='search' onInput={(e) => setTyped(e.detail.value)} onConfirm={() => setQ(typed.trim())} />
        <Text className='btn btn--primary volunteers__go' onClick={() => setQ(typed.trim())}>搜索</Text>
      </View>
      {body}
    </PageShell>
  )
}
