import Taro from '@tarojs/taro'
import { View, Text } from '@tarojs/components'
import PageShell from '../../components/PageShell'
import Card from '../../components/Card'
import StatusView from '../../components/StatusView'
import ScanEntry from '../../features/places/components/ScanEntry'
import { useRemote } from '../../hooks/useRemote'
import { listCategories } from '../../features/service/api/tickets'
import type { Category } from '../../features/service/types'
import { useSession } from '../../stores/session'
import { ROUTES, withQuery } from '../../lib/routes'
import './index.scss'

/**
 * 办事: scan a code, or pick a category and a place; follow what you reported (我反映的事 — a resident never reads
 * 工单); staff and grid workers get their desks.
 */
export default function ServiceTab() {
  const user = useSession((s) => s.user)
  const roles = user?.roles ?? []
  const cats = useRemote<Category[]>(() => listCategories(), [])
  const go = (url: string) => Taro.navigateTo({ url })

  return (
    <PageShell className='service-tab'>
      <ScanEntry />
      <Card title='选择事项反映'>
        {cats.loading && !cats.data ? (
          <StatusView status='loading' rows={1} />
        ) : cats.error ? (
          <StatusView status='error' message={cats.errorText} onRetry={cats.reload} />
        ) : (
          <View className='service-tab__grid'>
            {(cats.data ?? []).map((c) => (
              <View key={c.id} className='service-tab__cat' role='button' aria-label={`反映${c.name}`} onClick={() => go(withQuery(ROUTES.serviceNew, { categoryId: c.id }))}>
                <Text className='service-tab__icon' aria-hidden>{c.icon}</Text>
                <Text className='service-tab__name'>{c.name}</Text>
              </View>
            ))}
          </View>
        )}
      </Card>
      <Card>
        <View className='service-tab__links'>
          <View className='service-tab__link' role='link' onClick={() => go(ROUTES.serviceMine)}>
            <Text>我反映的事</Text>
            <Text className='service-tab__arrow' aria-hidden>›</Text>
          </View>
          {roles.includes('grid_worker') ? (
            <View className='service-tab__link' role='link' onClick={() => go(ROUTES.serviceWorker)}>
              <Text>网格员工作台</Text>
              <Text className='service-tab__arrow' aria-hidden>›</Text>
            </View>
          ) : null}
          {roles.includes('staff') || roles.includes('admin') ? (
            <View className='service-tab__link' role='link' onClick={() => go(ROUTES.serviceQueue)}>
              <Text>派单队列</Text>
              <Text className='service-tab__arrow' aria-hidden>›</Text>
            </View>
          ) : null}
          <View className='service-tab__link' role='link' onClick={() => go(ROUTES.serviceBoard)}>
            <Text>公开监督 · 三率公示</Text>
            <Text className='service-tab__arrow' aria-hidden>›</Text>
          </View>
        </View>
      </Card>
    </PageShell>
  )
}
