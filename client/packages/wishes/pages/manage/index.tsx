import { useState } from 'react'
import Taro, { useRouter, useDidShow } from '@tarojs/taro'
import { View, Text } from '@tarojs/components'
import { WISH_STATUS_LABELS, WISH_STATUSES, type WishStatus } from '@linli/domain'
import ListFooter from '../../../../components/ListFooter'
import PageShell from '../../../../components/PageShell'
import { ChipGroup } from '../../../../components/Chip'
import StatusView from '../../../../components/StatusView'
import { fetchManageList } from '../../../../features/wishes/api/manage'
import type { WishManageItem, WishManagePage } from '../../../../features/wishes/types'
import { usePagedList } from '../../../../hooks/usePagedList'
import { ROUTES, withQuery } from '../../../../lib/routes'
import '../wishes.scss'

/** My community's wishes by status (grid worker), and the 审核队列 (staff, status=pending_review). */
export default function ManageWishesPage() {
  const { params } = useRouter()
  const [status, setStatus] = useState<WishStatus | null>((params.status as WishStatus) || null)
  const list = usePagedList<WishManageItem, number, WishManagePage>((cursor) => fetchManageList(status, cursor), [status])
  const counts = list.first?.counts ?? {}

  // Back from a wish acted on: its row may have moved to another tab.
  useDidShow(() => {
    if (list.items.length) void list.reload()
  })

  let body: JSX.Element
  if (list.loading && !list.items.length) body = <StatusView status='loading' />
  else if (list.error) body = <StatusView status='error' message={list.errorText} onRetry={list.reload} />
  else if (list.empty) body = <StatusView status='empty' title={status ? `没有${WISH_STATUS_LABELS[status]}的心愿` : '还没有心愿'} />
  else
    body = (
      <>
        {list.items.map((w) => (
          <View key={w.id} className='wish-block wish-manage__item' onClick={() => void Taro.navigateTo({ url: withQuery(ROUTES.wishManageDetail, { id: w.id }) })}>
            <View className='wish-block__row'>
              <Text>{w.typeLabel} · {w.statusLabel}</Text>
              <Text>{w.wishBy}</Text>
            </View>
            <Text className='wish-block__title'>{w.title}</Text>
            <Text className='wish-block__hint'>{w.displayName}（{w.beneficiaryName}）</Text>
          </View>
        ))}
        <ListFooter list={list} />
      </>
    )

  return (
    <PageShell className='wish-page wish-manage'>
      <ChipGroup
        className='wish-tabs'
        chipClassName='wish-tab'
        label='按状态筛选'
        options={[{ value: null, label: '全部' }, ...WISH_STATUSES.map((s) => ({ value: s, label: `${WISH_STATUS_LABELS[s]}${counts[s] ? ` ${counts[s]}` : ''}` }))]}
        value={status}
        onChange={(s) => setStatus(s ?? null)}
      />
      {body}
    </PageShell>
  )
}
