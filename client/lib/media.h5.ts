import Taro from '@tarojs/taro'

export interface PickPhotosOptions {
  count: number
  sourceType?: Array<'album' | 'camera'>
}

/** In a browser Taro's chooseImage is the file input (with the camera on a phone). Rejects on cancel. */
export async function pickPhotos({ count, sourceType = ['album', 'camera'] }: PickPhotosOptions): Promise<string[]> {
  const res = await Taro.chooseImage({ count, sizeType: ['compressed'], sourceType })
  return res.tempFilePaths
}
