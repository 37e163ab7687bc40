import { useState } from 'react'
import Taro from '@tarojs/taro'
import { Text, View } from '@tarojs/components'
import { HOLD_STATUS_LABELS, type HeldItemView, type HoldAction, type HoldStatus } from '@linli/domain'
import ActionBar from '../../../../components/ActionBar'
import ListFooter from '../../../../components/ListFooter'
import PageShell from '../../../../components/PageShell'
import StatusView from '../../../../components/StatusView'
import { usePagedList } from '../../../../hooks/usePagedList'
import { actOnHeld, listHeld } from '../../../../features/moderation/api/held'
import { formatDateTime } from '../../../../lib/time'
import '../../console.scss'

const FILTERS: HoldStatus[] = ['held', 'released', 'refused']

/**
 * 待审核内容: public text WeChat's content check could not pass (unreachable, a password account, or "review"). It is
 * kept from the public until released here, or by the automatic re-check; 不予公开 keeps it hidden and tells the author.
 */
export default function HeldConsole() {
  const [status, setStatus] = useState<HoldStatus>('held')
  const list = usePagedList<HeldItemView, string>((cursor) => listHeld(status, cursor), [status])

  const done = (h: HeldItemView) => list.setItems((items) => (h.status === status ? items.map((x) => (x.id === h.id ? h : x)) : items.filter((x) => x.id !== h.id)))

  let body: JSX.Element
  if (list.loading && !list.items.length) body = <StatusView status='loading' />
  else if (list.error) body = <StatusView status='error' message={list.errorText} onRetry={list.reload} />
  else if (list.empty) body = <StatusView status='empty' title={`没有${HOLD_STATUS_LABELS[status]}的内容`} hint='微信内容安全检测无法确认的文字会先在这里等待审核，审核前不会公开显示' />
  else {
    body = (
      <View>
        {list.items.map((h) => (
          <View key={h.id} className='cs__item cs-held__item'>
            <Text className='cs__item-title'>
              {h.entityLabel} · {h.fieldLabel}
            </Text>
            <Text className='cs-held__content'>{h.content}</Text>
            <Text className='cs__item-meta'>
              {h.author?.name ?? '已注销用户'} · {h.communityName || '未定社区'} · {formatDateTime(h.createdAt)} 提交
            </Text>
            <Text className='cs__item-meta'>{h.reasonLabel}{h.checks ? `（已自动复查 ${h.checks} 次）` : ''}</Text>
            {h.decidedAt ? (
              <Text className='cs__item-meta'>
                {h.decidedBy} {formatDateTime(h.decidedAt)} {h.statusLabel}
                {h.decisionNote ? `：${h.decisionNote}` : ''}
              </Text>
            ) : null}
            <Text className='cs__link cs-held__link' onClick={() => void Taro.navigateTo({ url: h.link })}>
              查看{h.entityLabel}
            </Text>
            <ActionBar<HoldAction, HeldItemView>
              actions={h.actions}
              onAct={(action, input) => actOnHeld(h.id, action, input.note)}
              onDone={done}
              reasonName={{ refuse: '不予公开的理由' }}
              doneText={(x) => (x.action === 'release' ? '已放行，内容已公开' : '已设为不公开，已通知作者')}
            />
          </View>
        ))}
        <ListFooter list={list} />
      </View>
    )
  }

  return (
    <PageShell className='cs cs-held'>
      <View className='cs__chips' style={{ marginBottom: '24px' }}>
        {FILTERS.map((f) => (
          <Text key={f} className={`cs__chip ${status === f ? 'cs__chip--on' : ''}`} onClick={() => setStatus(f)}>
            {HOLD_STATUS_LABELS[f]}
          </Text>
        ))}
      </View>
      {body}
    </PageShell>
  )
}
