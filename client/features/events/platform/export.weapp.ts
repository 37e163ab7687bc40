import Taro from '@tarojs/taro'

/** The attendee XLSX: downloaded, then opened in WeChat's document viewer (which can forward or save it). */
export function openSpreadsheet(url: string): void {
  void Taro.downloadFile({ url })
    .then((r) => Taro.openDocument({ filePath: r.tempFilePath, fileType: 'xlsx', showMenu: true }))
    .catch(() => Taro.showToast({ title: '导出失败，请重试', icon: 'none' }))
}
