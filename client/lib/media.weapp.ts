import Taro from '@tarojs/taro'

export interface PickPhotosOptions {
  count: number
  sourceType?: Array<'album' | 'camera'>
}

/** Photos through chooseMedia (WeChat no longer maintains chooseImage); compressed, images only. Rejects on cancel. */
export async function pickPhotos({ count, sourceType = ['album', 'camera'] }: PickPhotosOptions): Promise<string[]> {
  const res = await Taro.chooseMedia({ count, mediaType: ['image'], sizeType: ['compressed'], sourceType })
  return res.tempFiles.map((f) => f.tempFilePath)
}
