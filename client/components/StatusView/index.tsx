import { View, Text, Button } from '@tarojs/components'
import './index.scss'

type Props =
  | { status: 'loading'; rows?: number }
  | { status: 'empty'; title?: string; hint?: string }
  | { status: 'error'; message: string; onRetry?: () => void }

/** The three non-happy states every list and detail page needs, so they look and read the same everywhere. */
export default function StatusView(props: Props) {
  if (props.status === 'loading') {
    const rows = props.rows ?? 3
    return (
      <View className='status status--loading' aria-busy='true'>
        {Array.from({ length: rows }, (_, i) => (
          <View key={i} className='skeleton'>
            <View className='skeleton__line skeleton__line--title' />
            <View className='skeleton__line' />
            <View className='skeleton__line skeleton__line--short' />
          </View>
        ))}
        <Text className='status__loading-text'>加载中…</Text>
      </View>
    )
  }
  if (props.status === 'empty') {
    return (
      <View className='status status--empty'>
        <View className='status__icon'>○</View>
        <Text className='status__title'>{props.title ?? '暂无内容'}</Text>
        {props.hint ? <Text className='status__hint'>{props.hint}</Text> : null}
      </View>
    )
  }
  return (
    <View className='status status--error'>
      <View className='status__icon status__icon--error'>!</View>
      <Text className='status__title'>{props.message}</Text>
      {props.onRetry ? (
        <Button className='btn btn--ghost status__retry' onClick={props.onRetry}>
          重试
        </Button>
      ) : null}
    </View>
  )
}
