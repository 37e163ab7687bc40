import { Text, View } from '@tarojs/components'
import type { PagedList } from '../../hooks/usePagedList'
import './index.scss'

type Props = { list: Pick<PagedList<unknown, unknown>, 'loadingMore' | 'moreErrorText' | 'hasMore' | 'loadMore'>; end?: string }

/** Under a paged list: loading the next page, its error (tap to retry), more to come (tap also loads), or the end. */
export default function ListFooter({ list, end = '没有更多了' }: Props) {
  const retry = () => void list.loadMore()
  return (
    <View className='list-footer'>
      {list.loadingMore ? (
        <Text>加载中…</Text>
      ) : list.moreErrorText ? (
        <Text className='list-footer__tap' onClick={retry}>{list.moreErrorText}，点击重试</Text>
      ) : list.hasMore ? (
        <Text className='list-footer__tap' onClick={retry}>上拉加载更多（点按也可）</Text>
      ) : (
        <Text>{end}</Text>
      )}
    </View>
  )
}
