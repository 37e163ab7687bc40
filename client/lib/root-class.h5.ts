import '../styles/taro-h5.scss'
/**
 * On H5 the tab bar and Taro's modal and toast are drawn outside the page root: the document carries `elder` too, so
 * client/styles/taro-h5.scss can grow their text with 大字模式.
 */
export function applyRootClasses(elder: boolean): void {
  if (typeof document === 'undefined') return
  document.documentElement.classList.toggle('elder', elder)
}
