import Taro, { useRouter } from '@tarojs/taro'
import { View, Text, Button } from '@tarojs/components'
import PageShell from '../../../../components/PageShell'
import Card from '../../../../components/Card'
import StatusView from '../../../../components/StatusView'
import { useRemote } from '../../../../hooks/useRemote'
import { getTicket } from '../../../../features/service/api/tickets'
import type { TicketDetail } from '../../../../features/service/types'
import { formatShortDateTime } from '../../../../lib/time'
import { link, ROUTES } from '../../../../lib/routes'
import '../service.scss'
import './index.scss'

/**
 * 已提交: after filing, what a resident needs to know before leaving — the number to quote, what happens next and
 * when, and the way to follow it. Reached by redirect from the form, so 返回 does not reopen a filled form.
 */
export default function TicketFiledPage() {
  const router = useRouter()
  const id = Number(router.params?.id)
  const remote = useRemote<TicketDetail>(() => getTicket(id), [id], id > 0)
  const t = remote.data

  if (!(id > 0)) return <PageShell><StatusView status='error' message='没有找到这件事' /></PageShell>
  if (remote.loading && !t) return <PageShell><StatusView status='loading' rows={3} /></PageShell>
  if (remote.error && !t) return <PageShell><StatusView status='error' message={remote.errorText} onRetry={remote.reload} /></PageShell>
  if (!t) return <PageShell><StatusView status='loading' /></PageShell>

  return (
    <PageShell className='svc-filed'>
      <View className='svc-filed__hero' role='status'>
        <Text className='svc-filed__tick' aria-hidden>✓</Text>
        <Text className='svc-filed__title'>已提交</Text>
        <Text className='svc-filed__label'>编号</Text>
        <Text className='svc-filed__number'>{t.number}</Text>
        <Text className='svc-filed__what'>
          {t.category ? `${t.category.icon} ${t.category.name} · ` : ''}
          {t.point.name}
        </Text>
      </View>

      <Card title='接下来会怎样'>
        <View className='svc-filed__steps'>
          <View className='svc-filed__step'>
            <Text className='svc-filed__n'>1</Text>
            <Text className='svc-filed__text'>{t.community.name}的工作人员受理，派给负责{t.grid.name}的网格员。</Text>
          </View>
          <View className='svc-filed__step'>
            <Text className='svc-filed__n'>2</Text>
            <Text className='svc-filed__text'>
              网格员到现场处理{t.dueAt ? `，最晚 ${formatShortDateTime(t.dueAt)} 前办好` : ''}。
            </Text>
          </View>
          <View className='svc-filed__step'>
            <Text className='svc-filed__n'>3</Text>
            <Text className='svc-filed__text'>每一步都会在「我的 → 消息」告诉你；办好后请你评价，不满意可以重新打开。</Text>
          </View>
        </View>
      </Card>

      <View className='svc-filed__buttons'>
        <Button className='btn btn--primary btn--block' onClick={() => Taro.redirectTo({ url: link('serviceDetail', { id: t.id }) })}>
          查看办理进度
        </Button>
        <Button className='btn btn--plain btn--block' onClick={() => Taro.redirectTo({ url: ROUTES.serviceMine })}>
          我反映的事
        </Button>
      </View>
    </PageShell>
  )
}
