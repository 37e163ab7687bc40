import { useState } from 'react'
import { Text, View } from '@tarojs/components'
import { APPLICATION_STATUS_LABELS, type ApplicationAction, type ApplicationStatus, type ApplicationView } from '@linli/domain'
import ActionBar from '../../../../components/ActionBar'
import ListFooter from '../../../../components/ListFooter'
import PageShell from '../../../../components/PageShell'
import StatusView from '../../../../components/StatusView'
import { usePagedList } from '../../../../hooks/usePagedList'
import { actOnApplication, listApplications } from '../../../../features/people/api/applications'
import { formatDateTime } from '../../../../lib/time'
import '../../console.scss'

const FILTERS: ApplicationStatus[] = ['pending', 'approved', 'refused']

/** 志愿者申请: residents of my communities who asked to volunteer; 通过, or 不通过 with a reason they will read. */
export default function ApplicationsConsole() {
  const [status, setStatus] = useState<ApplicationStatus>('pending')
  const list = usePagedList<ApplicationView, string>((cursor) => listApplications(status, cursor), [status])

  const done = (a: ApplicationView) => list.setItems((items) => (a.status === status ? items.map((x) => (x.id === a.id ? a : x)) : items.filter((x) => x.id !== a.id)))

  let body: JSX.Element
  if (list.loading && !list.items.length) body = <StatusView status='loading' />
  else if (list.error) body = <StatusView status='error' message={list.errorText} onRetry={list.reload} />
  else if (list.empty) body = <StatusView status='empty' title={`没有${APPLICATION_STATUS_LABELS[status]}的申请`} hint='居民在「我的 → 申请成为志愿者」提交后出现在这里' />
  else {
    body = (
      <View>
        {list.items.map((a) => (
          <View key={a.id} className='cs__item cs-apps__item'>
            <Text className='cs__item-title'>
              {a.applicant.name} · {a.isPartyMember ? `党员志愿者${a.branch ? `（${a.branch}）` : ''}` : '志愿者'}
            </Text>
            <Text className='cs__item-meta'>
              {a.communityName}
              {a.applicant.building ? ` ${a.applicant.building}` : ''} · {a.applicant.phone ?? '未绑定手机'} · {formatDateTime(a.createdAt)} 申请
            </Text>
            {a.note ? <Text className='cs__item-meta'>“{a.note}”</Text> : null}
            {a.reason ? <Text className='cs__item-meta'>不通过的理由：{a.reason}</Text> : null}
            <ActionBar<ApplicationAction, ApplicationView>
              actions={a.actions}
              onAct={(action, input) => actOnApplication(a.id, action, input.note)}
              onDone={done}
              reasonName={{ refuse: '不通过的理由' }}
              doneText={(x) => (x.action === 'approve' ? '已通过，已通知对方' : '已处理，已通知对方')}
            />
          </View>
        ))}
        <ListFooter list={list} />
      </View>
    )
  }

  return (
    <PageShell className='cs cs-apps'>
      <View className='cs__chips' style={{ marginBottom: '24px' }}>
        {FILTERS.map((f) => (
          <Text key={f} className={`cs__chip ${status === f ? 'cs__chip--on' : ''}`} onClick={() => setStatus(f)}>
            {APPLICATION_STATUS_LABELS[f]}
          </Text>
        ))}
      </View>
      {body}
    </PageShell>
  )
}
