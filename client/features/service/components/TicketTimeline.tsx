import { ROLE_LABELS } from '@linli/domain'
import { View, Text } from '@tarojs/components'
import Steps from '@nutui/nutui-react-taro/dist/es/packages/steps'
import Step from '@nutui/nutui-react-taro/dist/es/packages/step'
import '@nutui/nutui-react-taro/dist/es/packages/steps/style/css'
import { formatShortDateTime } from '../../../lib/time'
import type { TimelineEntry } from '../types'
import PhotoStrip from './PhotoStrip'
import './TicketTimeline.scss'

const ACTOR: Record<string, string> = { ...ROLE_LABELS, system: '系统', open311: '外部渠道', follower: '同问居民' }

/**
 * 办理进度: every step with who took it, when, the note and the photos (after-photos of 办结 are public), drawn by
 * NutUI's vertical Steps (its own css only). The newest step is the current one; the ones before it are done.
 */
export default function TicketTimeline({ entries }: { entries: TimelineEntry[] }) {
  return (
    <View className='svc-timeline' role='list' aria-label='办理进度'>
      <Steps direction='vertical' type='dot' value={entries.length}>
        {entries.map((e, i) => (
          <Step
            key={e.id}
            value={i + 1}
            className='svc-event'
            title={<Text className='svc-event__title'>{e.label}</Text>}
            description={
              <View className='svc-event__body' role='listitem'>
                <Text className='svc-event__time'>{formatShortDateTime(e.at)} · {ACTOR[e.actorRole] ?? e.actorRole}</Text>
                {e.note ? <Text className='svc-event__note'>{e.note}</Text> : null}
                <PhotoStrip photos={e.photos} />
              </View>
            }
          />
        ))}
      </Steps>
    </View>
  )
}
