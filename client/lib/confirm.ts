import Taro from '@tarojs/taro'

export interface ConfirmOptions {
  /** What is about to happen, as the button said it: 退回, 取消报名… */
  title: string
  /** What it means for the person: who is told, whether it can be undone. */
  content: string
  confirmText?: string
  cancelText?: string
  /** Draw 确定 in the warning colour (irreversible, or someone else loses something). */
  danger?: boolean
}

/**
 * The one question asked before an irreversible or scarce move (ActionBar's table `confirm`, and pages' own moves).
 * WeChat's native modal on weapp: it follows WeChat's 字体大小 and 关怀模式 and its screen reader, where a drawn
 * dialog would follow neither and add to every package. On H5 it is Taro's modal, grown with 大字模式 by
 * client/styles/taro-h5.scss. Resolves true only on 确定; a closed or failed dialog is a no.
 */
export async function confirm(options: ConfirmOptions): Promise<boolean> {
  try {
    const answer = await Taro.showModal({
      title: options.title,
      content: options.content,
      confirmText: options.confirmText ?? '确定',
      cancelText: options.cancelText ?? '取消',
      confirmColor: options.danger ? '#b42318' : '#c8102e',
      cancelColor: '#1f2329',
    })
    return !!answer.confirm
  } catch {
    return false
  }
}
