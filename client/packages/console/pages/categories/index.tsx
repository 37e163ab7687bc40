import Taro from '@tarojs/taro'
import { Text, View } from '@tarojs/components'
import PageShell from '../../../../components/PageShell'
import StatusView from '../../../../components/StatusView'
import { useRemote } from '../../../../hooks/useRemote'
import { allCategories } from '../../../../features/service/api/console'
import { link } from '../../../../lib/routes'
import '../../console.scss'
import '../category/category.scss'

/**
 * 事项分类: every 码上办 category in the order residents see them, disabled ones too, with its hours and how many
 * extra questions it asks. Tap one to edit it; 新建分类 adds one.
 */
export default function CategoriesConsole() {
  const cats = useRemote(allCategories, [], true, { reloadOnShow: true })
  const open = (id?: number) => Taro.navigateTo({ url: link('consoleCategory', id ? { id } : {}) })

  return (
    <PageShell className='cs cs-cats'>
      <View className='cs__card'>
        <Text className='cs__heading'>事项分类</Text>
        <Text className='cs__hint'>居民在“办事”里按这些分类反映问题；办理时限从网格员签收起算，签收时限从派单起算，超时会提醒社区督办。</Text>
        <Text className='cs__btn cs-cats__new' onClick={() => open()}>新建分类</Text>
      </View>
      {cats.loading && !cats.data ? (
        <StatusView status='loading' rows={4} />
      ) : cats.error ? (
        <StatusView status='error' message={cats.errorText} onRetry={cats.reload} />
      ) : !cats.data?.length ? (
        <StatusView status='empty' title='还没有分类' hint='点“新建分类”添加第一个' />
      ) : (
        cats.data.map((c) => (
          <View key={c.id} className={`cs__item cs-cats__item ${c.active ? '' : 'cs-cats__item--off'}`} onClick={() => open(c.id)}>
            <View className='cs__row'>
              <Text className='cs-cats__icon'>{c.icon}</Text>
              <View className='cs__grow'>
                <Text className='cs__item-title'>{c.name}</Text>
                <Text className='cs__item-meta'>
                  办理 {c.slaHours} 小时 · 签收 {c.signForHours} 小时 · 排序 {c.sortOrder}
                </Text>
                <View>
                  <Text className={`cs__tag ${c.active ? 'cs__tag--open' : 'cs__tag--off'}`}>{c.active ? '启用中' : '已停用'}</Text>
                  <Text className='cs__tag'>{c.attributes.length ? `补充问题 ${c.attributes.length} 个` : '无补充问题'}</Text>
                  <Text className='cs__tag'>编码 {c.code}</Text>
                </View>
              </View>
              <Text className='cs-cats__go'>编辑 ›</Text>
            </View>
          </View>
        ))
      )}
    </PageShell>
  )
}
