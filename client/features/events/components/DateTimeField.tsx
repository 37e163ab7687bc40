import { Picker, Text, View } from '@tarojs/components'
import { formatDateTime, parseLocalDateTime } from '../../../lib/time'

interface Props {
  label: string
  /** ISO instant, or '' for not set */
  value: string
  onChange: (iso: string) => void
  /** shown when the field is empty, e.g. 默认为活动开始时间 */
  emptyText?: string
  /** an empty value is allowed: shows 清除 once set */
  optional?: boolean
  error?: string
  className?: string
}

/**
 * A date and a time from WeChat's native pickers (Picker mode=date / mode=time), in 北京时间, kept as an ISO instant.
 * Nothing is typed: the date picks the day, the time the hour and minute; a missing time reads as 00:00.
 */
export default function DateTimeField({ label, value, onChange, emptyText, optional, error, className = '' }: Props) {
  const shown = value ? formatDateTime(value) : ''
  const [date, time] = shown ? shown.split(' ') : ['', '']
  const put = (d: string, t: string) => {
    if (!d) return
    const iso = parseLocalDateTime(`${d} ${t || '00:00'}`)
    if (iso) onChange(iso)
  }
  return (
    <View className={`ev__q ev-dt ${className}`}>
      <Text className='ev__q-title'>{label}</Text>
      <View className='ev-dt__row'>
        <Picker className='ev-dt__picker ev-dt__date' mode='date' value={date} onChange={(e) => put(String(e.detail.value), time)}>
          <Text className={`ev__input ev-dt__value ${date ? '' : 'ev-dt__value--empty'}`}>{date || '选择日期'}</Text>
        </Picker>
        <Picker className='ev-dt__picker ev-dt__time' mode='time' value={time || '09:00'} onChange={(e) => put(date || shownToday(), String(e.detail.value))}>
          <Text className={`ev__input ev-dt__value ${time ? '' : 'ev-dt__value--empty'}`}>{time || '选择时间'}</Text>
        </Picker>
      </View>
      {!value && emptyText ? <Text className='ev__muted'>{emptyText}</Text> : null}
      {value && optional ? (
        <Text className='ev__link ev-dt__clear' onClick={() => onChange('')}>清除（{emptyText ?? '不设置'}）</Text>
      ) : null}
      {error ? <Text className='ev__error'>{error}</Text> : null}
    </View>
  )
}

/** A time picked before a date applies to today. */
function shownToday(): string {
  return formatDateTime(new Date().toISOString()).split(' ')[0]
}
