import { Input, Switch, Text, Textarea, View } from '@tarojs/components'
import { QUESTION_KINDS, type ActivityQuestion, type QuestionKind } from '@linli/domain'
import { ChipGroup } from '../../../components/Chip'
import { labelled } from '../../../lib/a11y'

const KIND_LABELS: Record<QuestionKind, string> = { text: '填空', single: '单选', multiple: '多选' }
const MAX_QUESTIONS = 20

/** A question as it is being written: the options as the lines of one box. */
export interface DraftQuestion {
  id: string
  kind: QuestionKind
  title: string
  required: boolean
  optionsText: string
}

export function toDrafts(questions: readonly ActivityQuestion[]): DraftQuestion[] {
  return questions.map((q) => ({ id: q.id, kind: q.kind, title: q.title, required: q.required, optionsText: (q.options ?? []).join('\n') }))
}

export function optionsOf(d: DraftQuestion): string[] {
  return [...new Set(d.optionsText.split(/[\n，,、]/).map((o) => o.trim()).filter(Boolean))]
}

/** The questions to send, or the problem of the first one that is not ready (same rules as the server). */
export function fromDrafts(drafts: readonly DraftQuestion[]): { questions: ActivityQuestion[]; problem: string | null } {
  const questions: ActivityQuestion[] = []
  for (const [i, d] of drafts.entries()) {
    const title = d.title.trim()
    if (!title) return { questions, problem: `请填写第 ${i + 1} 个问题` }
    if (title.length > 100) return { questions, problem: `第 ${i + 1} 个问题不能超过 100 字` }
    const options = optionsOf(d)
    if (d.kind !== 'text' && options.length < 2) return { questions, problem: `“${title}”至少需要两个选项` }
    if (options.some((o) => o.length > 50)) return { questions, problem: `“${title}”的每个选项不能超过 50 字` }
    questions.push({ id: d.id, kind: d.kind, title, required: d.required, ...(d.kind === 'text' ? {} : { options }) })
  }
  return { questions, problem: null }
}

interface Props {
  drafts: DraftQuestion[]
  onChange: (drafts: DraftQuestion[]) => void
  error?: string
}

/**
 * Staff write the activity's sign-up questions: fill-in, one choice or several, required or not. A question keeps
 * its id through edits, so answers already given still match it.
 */
export default function QuestionsEditor({ drafts, onChange, error }: Props) {
  const put = (i: number, patch: Partial<DraftQuestion>) => onChange(drafts.map((d, k) => (k === i ? { ...d, ...patch } : d)))
  const add = () => {
    const used = new Set(drafts.map((d) => d.id))
    let n = drafts.length + 1
    while (used.has(`q${n}`)) n++
    onChange([...drafts, { id: `q${n}`, kind: 'single', title: '', required: true, optionsText: '' }])
  }
  return (
    <View className='ev__card ev-qe'>
      <Text className='ev__section'>报名问题（选填）</Text>
      {drafts.length === 0 ? <Text className='ev__muted'>不设问题时，居民一键报名。</Text> : null}
      {drafts.map((d, i) => (
        <View key={d.id} className='ev-qe__item'>
          <View className='ev-qe__head'>
            <Text className='ev__q-title'>问题 {i + 1}</Text>
            <Text className='ev__link ev-qe__remove' onClick={() => onChange(drafts.filter((_, k) => k !== i))}>删除</Text>
          </View>
          <Input className='ev__input ev-qe__title' value={d.title} maxlength={100} placeholder='例如：是否需要接送' onInput={(e) => put(i, { title: e.detail.value })} />
          <ChipGroup
            className='ev__chips ev-qe__kinds'
            label={`问题 ${i + 1} 的类型`}
            options={QUESTION_KINDS.map((k) => ({ value: k, label: KIND_LABELS[k] }))}
            value={d.kind}
            onChange={(k) => k && put(i, { kind: k })}
          />
          {d.kind !== 'text' ? (
            <Textarea
              className='ev__input ev-qe__options'
              value={d.optionsText}
              maxlength={1000}
              autoHeight
              placeholder='选项，每行一个（或用顿号分隔）'
              onInput={(e) => put(i, { optionsText: e.detail.value })}
            />
          ) : null}
          <View className='ev-qe__required'>
            <Text className='ev__row'>必答</Text>
            <Switch checked={d.required} color='#c8102e' {...labelled(`第 ${i + 1} 题必答`)} onChange={(e) => put(i, { required: !!e.detail.value })} />
          </View>
        </View>
      ))}
      {drafts.length < MAX_QUESTIONS ? <Text className='ev__btn ev__btn--ghost ev-qe__add' onClick={add}>添加问题</Text> : null}
      {error ? <Text className='ev__error'>{error}</Text> : null}
    </View>
  )
}
