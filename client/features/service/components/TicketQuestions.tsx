import { Input, Picker, Text, Textarea, View } from '@tarojs/components'
import type { TicketAttribute } from '@linli/domain'
import { formatDateTime, parseLocalDateTime } from '../../../lib/time'
import { ChipGroup } from '../../../components/Chip'

export type Answers = Record<string, unknown>

interface Props {
  questions: readonly TicketAttribute[]
  answers: Answers
  onChange: (answers: Answers) => void
  /** Problems per question code, from `checkTicketAttributes` or the server's `attributes.<code>` fields. */
  errors: Record<string, string>
}

/**
 * A category's extra questions (设施类型, 充电桩编号, 发生时间…), each drawn for its type: a line or a box of text, a
 * number, a date and time from the native pickers, or chips to choose one or several. Optional ones say so.
 */
export default function TicketQuestions({ questions, answers, onChange, errors }: Props) {
  if (!questions.length) return null
  const set = (code: string, value: unknown) => onChange({ ...answers, [code]: value })
  return (
    <View className='svc-questions'>
      {[...questions]
        .sort((a, b) => a.order - b.order)
        .map((q) => (
          <View key={q.code} className='svc-field'>
            <Text className='svc-label'>
              {q.description}
              {q.required ? '' : '（选填）'}
            </Text>
            <Question q={q} value={answers[q.code]} onValue={(v) => set(q.code, v)} />
            {errors[q.code] ? <Text className='svc-error'>{errors[q.code]}</Text> : null}
          </View>
        ))}
    </View>
  )
}

function Question({ q, value, onValue }: { q: TicketAttribute; value: unknown; onValue: (v: unknown) => void }) {
  switch (q.datatype) {
    case 'text':
      return <Textarea className='svc-textarea' value={String(value ?? '')} maxlength={1000} onInput={(e) => onValue(e.detail.value)} />
    case 'number':
      return <Input className='svc-input' type='digit' value={value === undefined ? '' : String(value)} onInput={(e) => onValue(e.detail.value)} />
    case 'datetime':
      return <DateTime value={typeof value === 'string' ? value : undefined} onValue={onValue} />
    case 'singlevaluelist':
      return (
        <ChipGroup
          className='svc-chips'
          chipClassName='svc-chip'
          label={q.description}
          options={(q.values ?? []).map((o) => ({ value: o.key, label: o.name }))}
          value={typeof value === 'string' ? value : undefined}
          onChange={onValue}
          deselectable
        />
      )
    case 'multivaluelist': {
      const chosen = Array.isArray(value) ? (value as string[]) : []
      return (
        <ChipGroup
          multiple
          className='svc-chips'
          chipClassName='svc-chip'
          label={q.description}
          options={(q.values ?? []).map((o) => ({ value: o.key, label: o.name }))}
          value={chosen}
          onChange={onValue}
        />
      )
    }
    default:
      return <Input className='svc-input' value={String(value ?? '')} maxlength={200} onInput={(e) => onValue(e.detail.value)} />
  }
}

/** A date and a time from the native pickers, in Beijing time, sent as an ISO instant. */
function DateTime({ value, onValue }: { value?: string; onValue: (v: string | undefined) => void }) {
  const shown = value ? formatDateTime(value) : ''
  const [date, time] = shown ? shown.split(' ') : ['', '']
  const put = (d: string, t: string) => onValue(d ? parseLocalDateTime(`${d} ${t || '00:00'}`) ?? undefined : undefined)
  return (
    <View className='svc-row'>
      <Picker mode='date' value={date} onChange={(e) => put(String(e.detail.value), time)}>
        <Text className='svc-input svc-picker'>{date || '选择日期'}</Text>
      </Picker>
      <Picker mode='time' value={time} onChange={(e) => put(date, String(e.detail.value))}>
        <Text className='svc-input svc-picker'>{time || '选择时间'}</Text>
      </Picker>
    </View>
  )
}
