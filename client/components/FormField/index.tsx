import { Input, Text, View } from '@tarojs/components'

interface Props {
  label: string
  value: string
  onInput: (value: string) => void
  error?: string
  placeholder?: string
  className?: string
  type?: 'text' | 'digit' | 'number'
  maxlength?: number
}

/** A labelled input with its error under it (styled by the console's `cs__` classes). */
export default function FormField(props: Props) {
  return (
    <View className='cs__field'>
      <Text className='cs__label'>{props.label}</Text>
      <Input
        className={`cs__input ${props.className ?? ''}`}
        type={props.type ?? 'text'}
        value={props.value}
        maxlength={props.maxlength ?? 140}
        placeholder={props.placeholder}
        onInput={(e) => props.onInput(e.detail.value)}
      />
      {props.error ? <Text className='cs__error'>{props.error}</Text> : null}
    </View>
  )
}
