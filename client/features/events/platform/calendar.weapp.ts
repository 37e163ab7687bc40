import Taro from '@tarojs/taro'

/** A mini-program cannot hand a file to the system calendar: copy the .ics link for the person to subscribe to. */
export function openCalendar(url: string): void {
  void Taro.setClipboardData({ data: url }).then(() => Taro.showToast({ title: '日历链接已复制，可在系统日历中订阅', icon: 'none' }))
}
