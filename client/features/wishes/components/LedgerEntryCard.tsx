import type { ReactNode } from 'react'
import { Text, View } from '@tarojs/components'
import { formatDate } from '../../../lib/time'
import type { LedgerEntryView } from '../types'
import './LedgerEntryCard.scss'

/** One line of the append-only record: what, when, who vouched; a correction or an automatic close says so in words. */
export default function LedgerEntryCard({ e, children }: { e: LedgerEntryView; children?: ReactNode }) {
  return (
    <View className='wish-block ledger-entry'>
      <View className='wish-block__row'>
        <Text>{e.sourceLabel}</Text>
        <Text className='ledger-entry__hours'>{e.hours > 0 ? `+${e.hours}` : e.hours} 小时{e.points ? ` · ${e.points > 0 ? '+' : ''}${e.points} 积分` : ''}</Text>
      </View>
      <Text className='wish-block__text'>{e.content}</Text>
      {e.remark ? <Text className='ledger-entry__flag'>{e.remark}</Text> : null}
      <Text className='wish-block__hint'>
        {formatDate(e.createdAt)} · {e.organisation}
        {e.confirmedByName ? ` · 证明人 ${e.confirmedByName}` : ''}
      </Text>
      {children}
    </View>
  )
}
