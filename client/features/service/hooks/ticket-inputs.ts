/**
 * What some ticket moves need beside a note, gathered when the button is tapped. Each resolves to the action's
 * input, or null when the person cancelled or it could not be had (then it has already said why).
 */
import Taro from '@tarojs/taro'
import { sceneFromScan } from '../../../lib/scene'
import { scanPoint } from './scan-point'
import { staffQueue, type TicketActionInput } from '../api/tickets'
import type { TicketListItem } from '../types'

const say = (title: string) => void Taro.showToast({ title, icon: 'none' })

/** 到场打卡: scan the point's code; with no camera or when the scan is cancelled, the phone's location. */
export async function checkInProof(): Promise<TicketActionInput | null> {
  let why = ''
  try {
    const res = await scanPoint()
    const scene = sceneFromScan(res)
    if (!scene) {
      say('这不是邻里的点位码')
      return null
    }
    return { scene }
  } catch (err) {
    // The browser's camera says why it could not scan (无摄像头, 无权限, 非 https) in Chinese.
    if (err instanceof Error && /[\u4e00-\u9fff]/.test(err.message)) why = err.message
    try {
      const loc = await Taro.getLocation({ type: 'gcj02' })
      return { lat: loc.latitude, lng: loc.longitude }
    } catch {
      say(why || '无法扫码，请输入点位贴纸上的编码后点确定')
      return null
    }
  }
}

/** The ticket to merge `id` into, found by number or words the staff member types. */
export async function findMergeTarget(id: number): Promise<TicketListItem | null> {
  // WeChat's modal takes a text field (`editable`); Taro's types do not list it yet.
  const ask: Taro.showModal.Option & { editable: boolean; placeholderText: string } = { title: '合并到工单', editable: true, placeholderText: '输入目标工单编号或关键词' }
  const res = (await Taro.showModal(ask)) as Taro.showModal.SuccessCallbackResult & { content?: string }
  if (!res.confirm || !res.content) return null
  const found = await staffQueue({ q: String(res.content) }).catch(() => null)
  const target = found?.items.find((x) => x.id !== id)
  if (!target) {
    say('没有找到可合并的工单')
    return null
  }
  return target
}
