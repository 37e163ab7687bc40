import { useState } from 'react'
import Taro from '@tarojs/taro'
import { Input, Text, View } from '@tarojs/components'
import { ROLE_LABELS, type InviteRole, type PersonView, type Role } from '@linli/domain'
import ListFooter from '../../../../components/ListFooter'
import PageShell from '../../../../components/PageShell'
import StatusView from '../../../../components/StatusView'
import { useAction } from '../../../../hooks/useAction'
import { usePagedList } from '../../../../hooks/usePagedList'
import { listPeople, removeRole } from '../../../../features/people/api/people'
import { link } from '../../../../lib/routes'
import '../../console.scss'
import { confirm } from '../../../../lib/confirm'

const TABS: Role[] = ['grid_worker', 'staff', 'volunteer', 'resident']

/**
 * 人员与角色: the people of my communities by role (phones masked), searchable by name or the last four digits of the
 * phone, and taking a role away. A removed role stops working on the person's next tap, not when their login expires.
 */
export default function PeopleConsole() {
  const [role, setRole] = useState<Role>('grid_worker')
  const [q, setQ] = useState('')
  const [term, setTerm] = useState('')
  const list = usePagedList<PersonView, string>((cursor) => listPeople(role, term, cursor), [role, term])
  const action = useAction()

  const remove = async (p: PersonView, r: InviteRole) => {
    const where = r === 'grid_worker' ? p.grids.map((g) => g.name).join('、') : r === 'staff' ? p.staffOf.map((c) => c.name).join('、') : ''
    const confirmed = await confirm({
      title: `移除${ROLE_LABELS[r]}身份`,
      content: `确定移除 ${p.name} 的${ROLE_LABELS[r]}身份${where ? `（${where}）` : ''}吗？立即生效，对方会收到通知。`,
      danger: true,
    })
    if (!confirmed) return
    const updated = await action.run(() => removeRole(p.id, r), { success: '已移除' })
    if (updated) list.setItems((items) => (updated.roles.includes(role) ? items.map((x) => (x.id === updated.id ? updated : x)) : items.filter((x) => x.id !== updated.id)))
  }

  let body: JSX.Element
  if (list.loading && !list.items.length) body = <StatusView status='loading' />
  else if (list.error) body = <StatusView status='error' message={list.errorText} onRetry={list.reload} />
  else if (list.empty) body = <StatusView status='empty' title={term ? '没有找到' : `还没有${ROLE_LABELS[role]}`} hint={role === 'resident' ? '居民用微信登录并完善资料后出现在这里' : '可以在「邀请」里邀请'} />
  else {
    body = (
      <View className='cs-people__list'>
        {list.items.map((p) => (
          <View key={p.id} className='cs__item cs-people__item'>
            <Text className='cs__item-title'>{p.name}</Text>
            <Text className='cs__item-meta'>
              {p.phone ?? '未绑定手机'}
              {p.communityName ? ` · ${p.communityName}` : ''}
              {p.building ? ` ${p.building}` : ''}
            </Text>
            {p.grids.length ? <Text className='cs__item-meta'>负责网格：{p.grids.map((g) => g.name).join('、')}</Text> : null}
            {p.staffOf.length ? <Text className='cs__item-meta'>负责社区：{p.staffOf.map((c) => c.name).join('、')}</Text> : null}
            <View className='cs__row'>
              {p.roles.map((r) => (
                <Text key={r} className='cs__tag'>{ROLE_LABELS[r]}</Text>
              ))}
              {p.isPartyMember ? <Text className='cs__tag'>党员{p.branch ? ` · ${p.branch}` : ''}</Text> : null}
            </View>
            {p.removable.length ? (
              <View className='cs__row'>
                {p.removable.map((r) => (
                  <Text key={r} className='cs__btn cs__btn--small cs__btn--danger cs-people__remove' onClick={() => void remove(p, r as InviteRole)}>
                    移除{ROLE_LABELS[r]}
                  </Text>
                ))}
              </View>
            ) : null}
          </View>
        ))}
        <ListFooter list={list} />
      </View>
    )
  }

  return (
    <PageShell className='cs cs-people'>
      <View className='cs__chips cs-people__tabs'>
        {TABS.map((r) => (
          <Text key={r} className={`cs__chip ${role === r ? 'cs__chip--on' : ''}`} onClick={() => setRole(r)}>
            {ROLE_LABELS[r]}
          </Text>
        ))}
      </View>
      <View className='cs__row' style={{ margin: '24px 0' }}>
        <View className='cs__grow'>
          <Input className='cs__input cs-people__search' value={q} placeholder='姓名或手机尾号 4 位' confirmType='search' onInput={(e) => setQ(e.detail.value)} onConfirm={() => setTerm(q.trim())} />
        </View>
        <Text className='cs__btn cs__btn--small' onClick={() => setTerm(q.trim())}>搜索</Text>
      </View>
      {body}
      <Text className='cs__btn cs__btn--ghost' onClick={() => void Taro.navigateTo({ url: link('consoleInvites', { role: role === 'resident' ? 'volunteer' : role }) })}>
        邀请{role === 'resident' ? '志愿者' : ROLE_LABELS[role]}
      </Text>
    </PageShell>
  )
}
