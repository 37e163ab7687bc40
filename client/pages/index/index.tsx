import Taro, { usePullDownRefresh } from '@tarojs/taro'
import { View, Text, Button } from '@tarojs/components'
import { ROLE_LABELS } from '@linli/domain'
import PageShell from '../../components/PageShell'
import Card from '../../components/Card'
import Tag from '../../components/Tag'
import ScanEntry from '../../features/places/components/ScanEntry'
import { fetchMe } from '../../features/auth/api/me'
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

export default function IndexPage() {
  const user = useSession((s) => s.user)
  const role = useSession((s) => s.role)
  const token = useSession((s) => s.token)

  usePullDownRefresh(() => {
    const refresh = token
      ? fetchMe().then((me) => useSession.getState().updateUser(me)).catch(() => undefined)
      : Promise.resolve()
    void refresh.finally(() => Taro.stopPullDownRefresh())
  })

  const goLogin = () => Taro.navigateTo({ url: ROUTES.login })
  const entries = entriesFor(role)

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
        <ScanEntry />
      </View>

      {!token ? (
        <Card title='登录后可以做更多'>
          <Text className='home-login__text'>报事进度、认领心愿、活动报名，都需要先登录</Text>
          <Button className='btn btn--primary btn--block home-login__btn' onClick={goLogin}>
            登录
          </Button>
        </Card>
      ) : (
        <View className='home-entries'>
          <Text className='section-title'>常用服务</Text>
          {entries.map((e) => (
            <Card key={e.key} className={`home-entry home-entry--${e.key}`} onClick={() => Taro.navigateTo({ url: e.url })}>
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
      )}
    </PageShell>
  )
}
