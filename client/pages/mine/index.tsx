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
import { ROUTES } from '../../lib/routes'
import './index.scss'

export default function MinePage() {
  const { user, role, token, elderMode, setElderMode, switchRole, signOut } = useSession()
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
    signOut()
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

      <View className='mine-group'>
        <Cell
          className='mine-elder'
          title='大字模式'
          value={
            <Switch
              className='mine-elder__switch'
              checked={elderMode}
              color='#c8102e'
              onChange={(e) => setElderMode(!!e.detail.value)}
            />
          }
        />
        {token ? <Cell className='mine-messages' title='消息中心' value={<Badge count={unread.data ?? 0} />} onClick={go(ROUTES.messages)} /> : null}
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
