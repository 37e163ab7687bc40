import Taro from '@tarojs/taro'

export const PRINT_LABEL = ''

/** On weapp a sheet is not printed: each code is saved to the album (and sent to a print shop from there). */
export async function saveSticker(dataUrl: string, name: string): Promise<void> {
  const [, base64] = dataUrl.split(',')
  const ext = dataUrl.startsWith('data:image/jpeg') ? 'jpg' : 'png'
  const path = `${Taro.env.USER_DATA_PATH}/sticker-${Date.now()}.${ext}`
  Taro.getFileSystemManager().writeFileSync(path, base64, 'base64')
  await Taro.saveImageToPhotosAlbum({ filePath: path })
  void Taro.showToast({ title: `已保存「${name}」`, icon: 'none' })
}

export function printSheet(): void {}
