import '../styles/taro-h5.scss'

/** Scroll containers on H5: Taro's page div and <ScrollView>, and a View that scrolls by CSS (class scroll-region). */
const SCROLLERS = '.taro_page, taro-scroll-view-core, .scroll-region'

/**
 * A region that scrolls must be reachable from the keyboard (axe's scrollable-region-focusable): a page with only
 * text in it (隐私保护指引) could not be scrolled without a pointer. Taro draws these elements itself, so they get
 * tabindex="0" as they appear.
 */
function focusableScrollers(root: ParentNode): void {
  for (const el of root.querySelectorAll(SCROLLERS)) if (!el.hasAttribute('tabindex')) el.setAttribute('tabindex', '0')
}

let watching = false

/**
 * On H5 the tab bar and Taro's modal and toast are drawn outside the page root: the document carries `elder` too, so
 * client/styles/taro-h5.scss can grow their text with 大字模式.
 */
export function applyRootClasses(elder: boolean): void {
  if (typeof document === 'undefined') return
  document.documentElement.classList.toggle('elder', elder)
  focusableScrollers(document)
  if (!watching && typeof MutationObserver !== 'undefined') {
    watching = true
    new MutationObserver((changes) => {
      for (const change of changes) {
        for (const node of change.addedNodes) {
          if (!(node instanceof Element)) continue
          if (node.matches(SCROLLERS) && !node.hasAttribute('tabindex')) node.setAttribute('tabindex', '0')
          focusableScrollers(node)
        }
      }
    }).observe(document.body, { childList: true, subtree: true })
  }
}
