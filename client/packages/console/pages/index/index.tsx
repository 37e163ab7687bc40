import Taro from '@tarojs/taro'
import { Text, View } from '@tarojs/components'
import PageShell from '../../../../components/PageShell'
import StatusView from '../../../../components/StatusView'
import { ROUTES } from '../../../../lib/routes'
import { useSession } from '../../../../stores/session'
import '../../console.scss'

interface Entry {
  route: string
  title: string
  hint: string
  adminOnly?: boolean
}

/** Pages of the console by name; a name another part of the console has not added yet is simply not offered. */
const route = (name: string): string | undefined => (ROUTES as Record<string, string>)[name]

const ENTRIES: Array<Omit<Entry, 'route'> & { name: string }> = [
  { name: 'consolePlaces', title: '点位管理', hint: '街道、社区村、网格、点位与点位码' },
  { name: 'consoleInvites', title: '邀请', hint: '邀请网格员、工作人员、志愿者' },
  { name: 'consolePeople', title: '人员与角色', hint: '按身份查看，移除身份' },
  { name: 'consoleApplications', title: '志愿者申请', hint: '审核居民的志愿者申请' },
  { name: 'consoleHeld', title: '待审核内容', hint: '微信安全检测未能确认的文字，审核后才公开' },
  { name: 'consoleBranches', title: '党支部', hint: '维护党支部名单', adminOnly: true },
  { name: 'consoleCategories', title: '事项分类', hint: '码上办的分类、时限与问题' },
  { name: 'consoleExports', title: '导出', hint: '事项台账 XLSX' },
  { name: 'consoleOpen311', title: 'Open311 密钥', hint: '第三方接入的密钥' },
]

/** 工作台: the staff console's front page, for staff and the admin only. */
export default function ConsoleHome() {
  const { user, role } = useSession()
  const isAdmin = !!user?.roles.includes('admin')
  if (!user || !(user.roles.includes('staff') || isAdmin)) {
    return (
      <PageShell className='cs'>
        <StatusView status='empty' title='工作台仅对工作人员开放' hint='如需开通，请联系街道管理员发送邀请' />
      </PageShell>
    )
  }
  const entries: Entry[] = ENTRIES.filter((e) => !e.adminOnly || isAdmin)
    .map((e) => ({ ...e, route: route(e.name) }))
    .filter((e): e is Entry & { name: string } => !!e.route)
  const scopeText = isAdmin ? '管理员 · 全街道' : `工作人员 · ${user.communities.map((c) => c.name).join('、') || '尚未分配社区'}`
  return (
    <PageShell className='cs cs-home'>
      <View className='cs__card'>
        <View className='cs__heading cs-home__name' role='heading' aria-level={1}>{user.name}</View>
        <Text className='cs__hint'>{scopeText}{role && role !== 'staff' && role !== 'admin' ? '（当前以其他身份浏览）' : ''}</Text>
      </View>
      <View className='cs__entries'>
        {entries.map((e) => (
          <View key={e.route} className='cs__entry cs-home__entry' onClick={() => void Taro.navigateTo({ url: e.route })}>
            <Text className='cs__entry-title'>{e.title}</Text>
            <Text className='cs__entry-hint'>{e.hint}</Text>
          </View>
        ))}
      </View>
    </PageShell>
  )
}
