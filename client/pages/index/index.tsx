import Taro from '@tarojs/taro'
import { View, Text, Button } from '@tarojs/components'
import { ROLE_LABELS } from '@linli/domain'
import PageShell from '../../components/PageShell'
import Card from '../../components/Card'
import StatusView from '../../components/StatusView'
import Tag from '../../components/Tag'
import ScanEntry from '../../features/places/components/ScanEntry'
import { fetchMe } from '../../features/auth/api/me'
import { fetchHome } from '../../features/home/api'
import ElderToggle from '../../features/home/components/ElderToggle'
import ResidentPanel from '../../features/home/components/ResidentPanel'
import StaffPanel from '../../features/home/components/StaffPanel'
import VolunteerPanel from '../../features/home/components/VolunteerPanel'
import WorkerPanel from '../../features/home/components/WorkerPanel'
import { open } from '../../features/home/components/nav'
import type { HomeSummary } from '../../features/home/types'
import { useRemote } from '../../hooks/useRemote'
import { useSession } from '../../stores/session'
import { ROUTES } from '../../lib/routes'
import { localHour } from '../../lib/time'
import { entriesFor } from './entries'
import './index.scss'

function greeting(now = new Date()): string {
  const h = localHour(now)
  if (h < 11) return '早上好'
  if (h < 13) return '中午好'
  if (h < 18) return '下午好'
  return '晚上好'
}

function Panel({ home }: { home: HomeSummary }) {
  switch (home.role) {
    case 'resident':
      return <ResidentPanel home={home} />
    case 'volunteer':
      return <VolunteerPanel home={home} />
    case 'grid_worker':
      return <WorkerPanel home={home} />
    default:
      return <StaffPanel home={home} />
  }
}

/** 首页: the scan entry, 大字模式, and what waits for me in the role I act in now (useSession().role). */
export default function IndexPage() {
  const user = useSession((s) => s.user)
  const role = useSession((s) => s.role)
  const token = useSession((s) => s.token)

  const home = useRemote(
    async () => {
      // The account first: a role taken away since the last visit must not be asked for (and roles may have been added).
      const me = await fetchMe().catch(() => null)
      if (me) useSession.getState().updateUser(me)
      return fetchHome(useSession.getState().role)
    },
    [token, role],
    !!token,
    { reloadOnShow: true },
  )

  const scans = !token || role === 'resident' || role === 'volunteer'
  const entries = entriesFor(role)
  // A summary for another role (the person switched in 我的 while it loaded) is not shown as this one's.
  const data = home.data && (home.data.role === role || (!role && home.data.role === 'resident')) ? home.data : undefined

  return (
    <PageShell className='home-page'>
      <View className='home-hero'>
        <Text className='home-hero__greeting'>
          {user ? `${user.name}，${greeting()}` : `${greeting()}，欢迎来到邻里`}
        </Text>
        <View className='home-hero__sub'>
          {role ? <Tag tone='primary'>{ROLE_LABELS[role]}</Tag> : null}
          <Text className='home-hero__motto'>居民事，足不出户“马上办”</Text>
        </View>
        {scans ? <ScanEntry onBrand /> : null}
        <ElderToggle />
      </View>

      {!token ? (
        <Card title='登录后可以做更多'>
          <Text className='home-login__text'>报事进度、认领心愿、活动报名，都需要先登录</Text>
          <Button className='btn btn--primary btn--block home-login__btn' onClick={() => Taro.navigateTo({ url: ROUTES.login })}>
            登录
          </Button>
        </Card>
      ) : home.loading && !data ? (
        <StatusView status='loading' rows={2} />
      ) : home.error && !data ? (
        <StatusView status='error' message={home.errorText} onRetry={home.reload} />
      ) : data ? (
        <Panel home={data} />
      ) : null}

      {token && entries.length ? (
        <View className='home-entries'>
          <Text className='section-title'>常用服务</Text>
          {entries.map((e) => (
            <Card key={e.key} className={`home-entry home-entry--${e.key}`} onClick={() => open(e.url)}>
              <View className='home-entry__row'>
                <View className='home-entry__text'>
                  <Text className='home-entry__title'>{e.title}</Text>
                  <Text className='home-entry__desc'>{e.description}</Text>
                </View>
                <Text className='home-entry__arrow'>›</Text>
              </View>
            </Card>
          ))}
        </View>
      ) : null}
    </PageShell>
  )
}
