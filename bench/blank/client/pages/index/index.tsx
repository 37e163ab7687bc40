import { Text, View } from '@tarojs/components'

export default function Blank() {
  return (
    <View className='blank'>
      <Text>邻里</Text>
    </View>
  )
}
