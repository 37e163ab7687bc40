import { Input, Text, Textarea, View } from '@tarojs/components'
import { textLength } from '@linli/domain'
import { labelled } from '../../lib/a11y'
import './index.scss'

interface Props {
  label: string
  value: string
  onInput: (value: string) => void
  error?: string
  placeholder?: string
  className?: string
  type?: 'text' | 'digit' | 'number'
  /**
   * The server's limit for this field (LIMITS in @linli/domain): the input stops there and a live counter shows
   * how much is used, so nothing is cut silently or refused after 提交.
   */
  limit?: number
  /** Without `limit`: the input's own cut, and no counter. */
  maxlength?: number
  /** Several lines (a description, a story). */
  multiline?: boolean
  /** Said under the label: what the field is for, or an example. */
  hint?: string
}

/** From this share of the limit the counter turns to the warning colour: the person sees the end coming. */
const NEAR_LIMIT = 0.9

/**
 * A labelled input with its hint, live counter and error under it. Its own styles (index.scss), plus the console's
 * `cs__` classes where a console page styles its fields.
 */
export default function FormField(props: Props) {
  const max = props.limit ?? props.maxlength ?? 140
  const used = textLength(props.value)
  const near = props.limit !== undefined && used >= props.limit * NEAR_LIMIT
  const common = {
    value: props.value,
    maxlength: max,
    placeholder: props.placeholder,
    ...labelled(props.label),
    onInput: (e: { detail: { value: string } }) => props.onInput(e.detail.value),
  }
  return (
    <View className={`form-field cs__field ${props.error ? 'form-field--error' : ''}`}>
      <Text className='form-field__label cs__label'>{props.label}</Text>
      {props.hint ? <Text className='form-field__hint'>{props.hint}</Text> : null}
      {props.multiline ? (
        <Textarea className={`form-field__input form-field__input--multiline cs__input cs__textarea ${props.className ?? ''}`} {...common} />
      ) : (
        <Input className={`form-field__input cs__input ${props.className ?? ''}`} type={props.type ?? 'text'} {...common} />
      )}
      {props.error || props.limit !== undefined ? (
        <View className='form-field__foot'>
          {props.error ? <Text className='form-field__error cs__error'>{props.error}</Text> : <Text />}
          {props.limit !== undefined ? (
            <Text className={`form-field__counter ${near ? 'form-field__counter--near' : ''}`} aria-live='polite'>
              {used}/{props.limit}
            </Text>
          ) : null}
        </View>
      ) : null}
    </View>
  )
}
