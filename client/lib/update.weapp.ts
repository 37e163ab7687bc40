import Taro from '@tarojs/taro'

/** A new version downloaded in the background is offered at once: a resident should not keep an old, broken build. */
export function watchForUpdates(): void {
  const manager = Taro.getUpdateManager?.()
  if (!manager) return
  manager.onUpdateReady(() => {
    void Taro.showModal({ title: '发现新版本', content: '新版本已准备好，重启后使用', confirmText: '立即重启', cancelText: '稍后' }).then((res) => {
      if (res.confirm) manager.applyUpdate()
    })
  })
  manager.onUpdateFailed(() => {
    void Taro.showToast({ title: '新版本下载失败，请稍后重新打开小程序', icon: 'none' })
  })
}
