import Taro from '@tarojs/taro'
import { View, Text, Button, Switch } from '@tarojs/components'
import { ROLE_LABELS, maskPhone, type Role } from '@linli/domain'
import PageShell from '../../components/PageShell'
import Cell from '../../components/Cell'
import Tag from '../../components/Tag'
import Badge from '../../components/Badge'
import BindPhoneButton from '../../features/auth/components/BindPhoneButton'
import { fetchMe } from '../../features/auth/api/me'
import { fetchUnreadCount } from '../../features/notifications/api/unread-count'
import { useRemote } from '../../hooks/useRemote'
import { useSession } from '../../stores/session'
import { logout as endSession } from '../../lib/request'
import { link, ROUTES, type RouteName } from '../../lib/routes'
import './index.scss'
import { labelled } from '../../lib/a11y'

export default function MinePage() {
  const { user, role, token, elderMode, setElderMode, switchRole } = useSession()
  // Each time 我的 shows: the account (roles may have changed) into the session, and the unread count.
  const unread = useRemote(
    async () => {
      const [me, count] = await Promise.allSettled([fetchMe(), fetchUnreadCount()])
      if (me.status === 'fulfilled') useSession.getState().updateUser(me.value)
      return count.status === 'fulfilled' ? count.value.count : 0
    },
    [token],
    !!token,
    { reloadOnShow: true },
  )

  const go = (url: string) => () => Taro.navigateTo({ url })
  const roles = user?.roles ?? []
  const mineEntries = token && role ? entriesOf(role, roles) : []

  const chooseRole = async () => {
    const roles = user?.roles ?? []
    if (roles.length < 2) {
      Taro.navigateTo({ url: ROUTES.login })
      return
    }
    const labels = [...roles.map((r) => ROLE_LABELS[r]), '换个账号登录']
    try {
      const { tapIndex } = await Taro.showActionSheet({ itemList: labels })
      if (tapIndex < roles.length) switchRole(roles[tapIndex] as Role)
      else Taro.navigateTo({ url: ROUTES.login })
    } catch {
      // dismissed
    }
  }

  const logout = async () => {
    const { confirm } = await Taro.showModal({ title: '退出登录', content: '确定要退出当前账号吗？' })
    if (!confirm) return
    await endSession()
  }

  return (
    <PageShell className='mine-page'>
      <View className='mine-header'>
        <View className='mine-header__avatar'>{user ? Array.from(user.name)[0] : '邻'}</View>
        <View className='mine-header__info'>
          {user ? (
            <>
              <Text className='mine-header__name'>{user.name}</Text>
              <Text className='mine-header__phone'>{user.phone ? maskPhone(user.phone) : '未绑定手机号'}</Text>
              <View className='mine-header__tags'>
                {user.roles.map((r) => (
                  <Tag key={r} tone={r === role ? 'primary' : 'default'}>
                    {ROLE_LABELS[r]}
                  </Tag>
                ))}
                {user.isPartyMember ? <Tag tone='party'>{user.branch ? `党员 · ${user.branch}` : '党员'}</Tag> : null}
              </View>
            </>
          ) : (
            <>
              <Text className='mine-header__name'>未登录</Text>
              <Button className='btn btn--ghost mine-header__login' onClick={go(ROUTES.login)}>
                登录
              </Button>
            </>
          )}
        </View>
      </View>

      {token && user && !user.phone ? (
        <View className='mine-bind'>
          <Text className='mine-bind__text'>绑定手机号后，网格员能及时联系到您</Text>
          <BindPhoneButton />
        </View>
      ) : null}

      {mineEntries.length ? (
        <View className='mine-group mine-duties'>
          {mineEntries.map((e) => (
            <Cell key={e.key} className={`mine-entry mine-entry--${e.key}`} title={e.title} value={e.hint} onClick={go(e.url)} />
          ))}
        </View>
      ) : null}

      {token ? (
        <View className='mine-group mine-account'>
          <Cell className='mine-entry mine-entry--profile' title='完善资料' value={user?.profileMissing?.length ? '未完善，请补充' : '姓名、社区、楼栋'} onClick={go(link('profile'))} />
          <Cell className='mine-entry mine-entry--invite' title='输入邀请码' value='网格员、工作人员、志愿者' onClick={go(link('inviteAccept'))} />
          {!roles.includes('volunteer') && role === 'resident' ? (
            <Cell className='mine-entry mine-entry--apply' title='申请成为志愿者' value='党员可选所在支部' onClick={go(link('apply'))} />
          ) : null}
        </View>
      ) : null}

      <View className='mine-group'>
        <Cell
          className='mine-elder'
          title='大字模式'
          value={
            <Switch
              className='mine-elder__switch'
              checked={elderMode}
              {...labelled('大字模式')}
              color='#c8102e'
              onChange={(e) => setElderMode(!!e.detail.value)}
            />
          }
        />
        {token ? <Cell className='mine-messages' title='消息中心' value={<Badge count={unread.data ?? 0} />} onClick={go(ROUTES.messages)} /> : null}
        {token ? <Cell className='mine-subscriptions' title='消息提醒' onClick={go(ROUTES.subscriptions)} /> : null}
        <Cell className='mine-privacy' title='隐私保护指引' onClick={go(ROUTES.privacy)} />
      </View>

      {token ? (
        <View className='mine-group'>
          <Cell title='切换身份' value={role ? ROLE_LABELS[role] : ''} onClick={chooseRole} />
          <Cell className='mine-logout' title='退出登录' onClick={logout} />
        </View>
      ) : null}
    </PageShell>
  )
}

interface MineEntry {
  key: string
  title: string
  hint?: string
  url: string
}

const entry = (key: string, title: string, name: RouteName, query: Record<string, string> = {}, hint?: string): MineEntry => ({ key, title, hint, url: link(name, query) })

/** 我的 in the role I act in now: my own records, or the desks of the role. Only pages that exist (domain routes). */
function entriesOf(role: Role, roles: readonly Role[]): MineEntry[] {
  switch (role) {
    case 'resident':
    case 'volunteer':
      return [
        entry('matters', '我的诉求', 'serviceMine'),
        entry('activities', '我的活动', 'eventMine'),
        entry('code', '我的签到码', 'eventCode', {}, '活动现场出示'),
        ...(role === 'volunteer' || roles.includes('volunteer')
          ? [entry('claims', '我的认领', 'wishClaims'), entry('hours', '我的志愿时长', 'wishLedger', {}, '志愿服务记录')]
          : []),
      ]
    case 'grid_worker':
      return [
        entry('worker', '网格员工作台', 'serviceWorker', {}, '签收、处置诉求'),
        entry('record', '录入心愿', 'wishRecord', {}, '入户走访后代为登记'),
        entry('wishes', '网格心愿', 'wishManage'),
      ]
    case 'staff':
    case 'admin':
      return [
        entry('console', '工作台', 'console', {}, '人员、点位、邀请'),
        entry('queue', '诉求队列', 'serviceQueue', {}, '受理、派单、督办'),
        entry('review', '心愿审核', 'wishManage', { status: 'pending_review' }),
        entry('board', '公开看板', 'serviceBoard', {}, '三率'),
      ]
  }
}
