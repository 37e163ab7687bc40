import { Text } from '@tarojs/components'
import './index.scss'

interface Props {
  count: number
  max?: number
}

export default function Badge({ count, max = 99 }: Props) {
  if (count <= 0) return null
  return <Text className='badge'>{count > max ? `${max}+` : count}</Text>
}
