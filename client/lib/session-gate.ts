import Taro from '@tarojs/taro'
import { ROUTES, TAB_ROUTES, withQuery } from './routes'

/**
 * Pages that show nothing without a session: a shared ticket link, 我反映的事, 我的报名… Opened signed out, their first
 * request is answered 401, and instead of a dead 请先登录 the person is taken to 登录 and brought back here
 * (on weapp a silent wx.login does it before the first request). Pages that work signed out are not listed: a
 * signed-out visitor may read them, and a form asks for login only when it is sent.
 */
export const SESSION_PAGES: readonly string[] = [
  ROUTES.serviceDetail,
  ROUTES.serviceFiled,
  ROUTES.serviceMine,
  ROUTES.serviceWorker,
  ROUTES.serviceQueue,
  ROUTES.eventMine,
  ROUTES.wishClaims,
  ROUTES.wishLedger,
  ROUTES.messages,
]

interface CurrentPage {
  path: string
  params: Record<string, string>
}

function currentPage(): CurrentPage | null {
  const pages = Taro.getCurrentPages?.() ?? []
  const top = pages[pages.length - 1] as { route?: string; options?: Record<string, string> } | undefined
  const router = Taro.getCurrentInstance?.()?.router
  const raw = top?.route ?? router?.path
  if (!raw) return null
  const path = `/${raw.replace(/^\//, '').split('?')[0]}`
  return { path, params: { ...(router?.params ?? {}), ...(top?.options ?? {}) } as Record<string, string> }
}

export function pageNeedsSession(path: string | undefined | null): boolean {
  return !!path && SESSION_PAGES.includes(`/${path.replace(/^\//, '').split('?')[0]}`)
}

export function currentPageNeedsSession(): boolean {
  return pageNeedsSession(currentPage()?.path)
}

/** The current page as a URL to come back to; Taro's own bookkeeping params are left out. */
export function currentPageUrl(): string | null {
  const page = currentPage()
  if (!page) return null
  const query = Object.fromEntries(Object.entries(page.params).filter(([k, v]) => !k.startsWith('$') && k !== 'stamp' && typeof v === 'string'))
  return withQuery(page.path, query)
}

/** Only a page of this app, never another site: the return address comes from the URL. */
export function safeReturnUrl(raw: unknown): string | null {
  if (typeof raw !== 'string' || !raw) return null
  let url = raw
  try {
    if (/%2F/i.test(url)) url = decodeURIComponent(url)
  } catch {
    return null
  }
  if (!url.startsWith('/') || url.startsWith('//')) return null
  const path = url.split('?')[0]
  if (path === ROUTES.login) return null
  return (Object.values(ROUTES) as string[]).includes(path) ? url : null
}

let leaving = false

/** To 登录, with the way back: the page is replaced, and what it had typed is kept by the page's draft. */
export function goToLogin(): void {
  const here = currentPageUrl()
  if (leaving || (here && here.split('?')[0] === ROUTES.login)) return
  leaving = true
  const url = here ? withQuery(ROUTES.login, { redirect: here }) : ROUTES.login
  Taro.redirectTo({ url }).finally(() => {
    leaving = false
  })
}

/** After login: back to the page that asked for it, or 首页. */
export function returnTo(redirect: string | null): boolean {
  const url = safeReturnUrl(redirect)
  if (!url) return false
  const path = url.split('?')[0]
  if ((TAB_ROUTES as readonly string[]).includes(path)) void Taro.switchTab({ url: path })
  else void Taro.redirectTo({ url })
  return true
}
