import { View, Text } from '@tarojs/components'

const WORDS = ['', '很不满意', '不满意', '一般', '满意', '非常满意']

/**
 * Five stars to tap, each a labelled radio ("N 星") at least a full tap target wide, and the choice said in words
 * under them — not by the stars' colour alone. Hand-written rather than NutUI's Rate: see docs/client.md.
 */
export default function RatingStars({ value, onChange }: { value: number; onChange: (n: number) => void }) {
  return (
    <View className='svc-rating'>
      <View className='svc-stars' role='radiogroup' aria-label='评分'>
        {[1, 2, 3, 4, 5].map((n) => (
          <View
            key={n}
            className={`svc-star ${n <= value ? 'svc-star--on' : ''}`}
            role='radio'
            aria-checked={n === value}
            aria-label={`${n} 星`}
            onClick={() => onChange(n)}
          >
            ★
          </View>
        ))}
      </View>
      <Text className='svc-rating__words'>{value ? `${value} 星 · ${WORDS[value]}` : '请点星星评分'}</Text>
    </View>
  )
}
