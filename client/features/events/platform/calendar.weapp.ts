import Taro from '@tarojs/taro'

/** What the phone's calendar needs of an activity. */
export interface CalendarEvent {
  title: string
  startAt: string
  endAt: string
  place?: string | null
  description?: string | null
}

function copyLink(url: string): void {
  void Taro.setClipboardData({ data: url }).then(() => Taro.showToast({ title: '日历链接已复制，可在系统日历中订阅', icon: 'none' }))
}

/**
 * 加入日历 on weapp: the phone's own calendar through addPhoneCalendar, with a reminder an hour before. Where the base
 * library lacks it, or the phone refuses, the .ics link is copied for the person to subscribe to instead.
 */
export function openCalendar(url: string, event?: CalendarEvent): void {
  if (!event || typeof Taro.addPhoneCalendar !== 'function') {
    copyLink(url)
    return
  }
  Taro.addPhoneCalendar({
    title: event.title,
    startTime: Math.floor(Date.parse(event.startAt) / 1000),
    // seconds, like startTime (Taro's types say string here; WeChat takes the number)
    endTime: Math.floor(Date.parse(event.endAt) / 1000) as unknown as string,
    location: event.place ?? undefined,
    description: event.description ?? undefined,
    alarm: true,
    alarmOffset: 3600
  })
    .then(() => Taro.showToast({ title: '已加入手机日历，开始前 1 小时提醒', icon: 'none' }))
    .catch((err: { errMsg?: string }) => {
      if ((err?.errMsg ?? '').includes('cancel')) return
      copyLink(url)
    })
}
