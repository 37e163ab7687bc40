import { ROLE_LABELS } from '@linli/domain'
import { View, Text } from '@tarojs/components'
import { formatShortDateTime } from '../../../lib/time'
import type { TimelineEntry } from '../types'
import PhotoStrip from './PhotoStrip'

const ACTOR: Record<string, string> = { ...ROLE_LABELS, system: '系统', open311: '外部渠道', follower: '同问居民' }

/** 办理进度: every step with who took it, when, the note and the photos (after-photos of 办结 are public). */
export default function TicketTimeline({ entries }: { entries: TimelineEntry[] }) {
  return (
    <View className='svc-timeline'>
      {entries.map((e) => (
        <View key={e.id} className='svc-event'>
          <Text className='svc-event__title'>{e.label}</Text>
          <Text className='svc-event__time'>{formatShortDateTime(e.at)} · {ACTOR[e.actorRole] ?? e.actorRole}</Text>
          {e.note ? <Text className='svc-event__note'>{e.note}</Text> : null}
          <PhotoStrip photos={e.photos} />
        </View>
      ))}
    </View>
  )
}
