import { View, Text } from '@tarojs/components'

/** Five stars to tap; each is labelled for screen readers (and tests) as "N 星". */
export default function RatingStars({ value, onChange }: { value: number; onChange: (n: number) => void }) {
  return (
    <View className='svc-stars'>
      {[1, 2, 3, 4, 5].map((n) => (
        <Text key={n} className={`svc-star ${n <= value ? 'svc-star--on' : ''}`} onClick={() => onChange(n)} aria-label={`${n} 星`}>★</Text>
      ))}
    </View>
  )
}
