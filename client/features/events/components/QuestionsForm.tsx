import { Input, Text, View } from '@tarojs/components'
import type { ActivityQuestion, Answers } from '@linli/domain'
import { Chip } from '../../../components/Chip'

interface Props {
  questions: readonly ActivityQuestion[]
  answers: Answers
  onChange: (answers: Answers) => void
  /** question id → the server's message for it */
  errors: Record<string, string>
}

/** The activity's sign-up questions: text, one choice, or several. */
export default function QuestionsForm({ questions, answers, onChange, errors }: Props) {
  const set = (qid: string, v: string | string[]) => onChange({ ...answers, [qid]: v })
  const toggle = (qid: string, opt: string) => {
    const cur = (answers[qid] as string[] | undefined) ?? []
    set(qid, cur.includes(opt) ? cur.filter((x) => x !== opt) : [...cur, opt])
  }
  return (
    <View className='ev__card'>
      {questions.map((q) => (
        <View key={q.id} className='ev__q'>
          <Text className='ev__q-title'>{q.title}{q.required ? ' *' : ''}</Text>
          {q.kind === 'text' ? (
            <Input className='ev__input' value={(answers[q.id] as string) ?? ''} onInput={(e) => set(q.id, e.detail.value)} />
          ) : (
            <View className='ev__chips chip-group' role={q.kind === 'single' ? 'radiogroup' : 'group'} aria-label={q.title}>
              {(q.options ?? []).map((o) => {
                const on = q.kind === 'single' ? answers[q.id] === o : ((answers[q.id] as string[] | undefined) ?? []).includes(o)
                return (
                  <Chip key={o} selected={on} role={q.kind === 'single' ? 'radio' : 'checkbox'} onTap={() => (q.kind === 'single' ? set(q.id, o) : toggle(q.id, o))}>
                    {o}
                  </Chip>
                )
              })}
            </View>
          )}
          {errors[q.id] ? <Text className='ev__error'>{errors[q.id]}</Text> : null}
        </View>
      ))}
    </View>
  )
}
