import Taro, { useRouter } from '@tarojs/taro'
import { View, Text, Button } from '@tarojs/components'
import PageShell from '../../components/PageShell'
import { ROUTES } from '../../lib/routes'
import './index.scss'

/** Where an address that is no page of the app lands (app.tsx usePageNotFound): what happened, and the way home. */
export default function NotFoundPage() {
  const path = useRouter().params?.path
  return (
    <PageShell className='not-found'>
      <View className='not-found__body'>
        <Text className='not-found__code'>404</Text>
        <Text className='not-found__title'>页面不存在</Text>
        <Text className='not-found__hint'>链接可能已过期或输入有误。可以回到首页，从那里找到要办的事。</Text>
        {path ? <Text className='not-found__path'>{decodeURIComponent(path)}</Text> : null}
        <Button className='btn btn--primary btn--block not-found__home' onClick={() => Taro.switchTab({ url: ROUTES.home })}>
          回到首页
        </Button>
      </View>
    </PageShell>
  )
}
