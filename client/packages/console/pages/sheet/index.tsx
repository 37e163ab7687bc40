import Taro, { useRouter } from '@tarojs/taro'
import { Image, Text, View } from '@tarojs/components'
import { POINT_KIND_LABELS, type StickerView } from '@linli/domain'
import PageShell from '../../../../components/PageShell'
import StatusView from '../../../../components/StatusView'
import { usePagedList } from '../../../../hooks/usePagedList'
import { fetchSheet } from '../../../../features/places/api/manage'
import { PRINT_LABEL, printSheet, saveSticker } from '../../../../features/places/platform/sticker'
import { errorMessage } from '../../../../lib/errors'
import '../../console.scss'
import './index.scss'

/**
 * 打印点位码: a grid's stickers, 12 to an A4 sheet (3 × 4), each with the point's name, its place, its code as a QR
 * and as text to type. In the browser the page prints as it is laid out; on weapp each code is saved to the album.
 */
export default function StickerSheet() {
  const gridId = Number(useRouter().params?.gridId)
  const sheet = usePagedList<StickerView, string>((cursor) => fetchSheet(gridId, cursor), [gridId], { enabled: gridId > 0 })

  const save = async (s: StickerView) => {
    try {
      await saveSticker(s.qr, s.name)
    } catch (err) {
      void Taro.showToast({ title: errorMessage(err) || '保存失败，请允许保存到相册', icon: 'none' })
    }
  }

  let body: JSX.Element
  if (!(gridId > 0)) body = <StatusView status='error' message='缺少网格，请从点位管理进入' />
  else if (sheet.loading && !sheet.items.length) body = <StatusView status='loading' />
  else if (sheet.error) body = <StatusView status='error' message={sheet.errorText} onRetry={sheet.reload} />
  else if (sheet.empty) body = <StatusView status='empty' title='这个网格还没有启用的点位' hint='先在点位管理里添加点位' />
  else {
    const first = sheet.items[0]
    body = (
      <>
        <View className='sheet__tools'>
          <Text className='cs__hint'>
            {first.communityName} · {first.gridName}：已载入 {sheet.items.length} 个点位码{sheet.hasMore ? '（还有更多）' : ''}。贴纸按 A4 纸每页 12 张排版。
          </Text>
          {PRINT_LABEL ? (
            <Text className='cs__btn sheet__print' onClick={printSheet}>
              {PRINT_LABEL}
            </Text>
          ) : null}
          {sheet.hasMore ? (
            <Text className='cs__btn cs__btn--ghost sheet__more' onClick={() => void sheet.loadMore()}>
              {sheet.loadingMore ? '加载中…' : '再载入 12 张'}
            </Text>
          ) : null}
        </View>
        <View className='sheet'>
          {sheet.items.map((s) => (
            <View key={s.id} className='sheet__sticker'>
              <Text className='sheet__brand'>邻里 · 码上办</Text>
              <Image className='sheet__qr' src={s.qr} nativeProps={{ alt: `${s.name}的点位码` }} mode='aspectFit' />
              <Text className='sheet__name'>{s.name}</Text>
              <Text className='sheet__place'>{s.address || `${s.communityName} ${POINT_KIND_LABELS[s.kind]}`}</Text>
              <Text className='sheet__code'>点位码 {s.scene}</Text>
              <Text className='sheet__tip'>微信扫一扫，反映身边事</Text>
              {!PRINT_LABEL ? (
                <Text className='cs__btn cs__btn--small cs__btn--ghost sheet__save' onClick={() => void save(s)}>
                  保存到相册
                </Text>
              ) : null}
            </View>
          ))}
        </View>
      </>
    )
  }
  return <PageShell className='cs sheet-page'>{body}</PageShell>
}
