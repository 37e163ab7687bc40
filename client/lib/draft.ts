import Taro from '@tarojs/taro'

/**
 * What a person typed on a form, kept in storage so that a detour to 登录, a reload of a `?scene=` URL or WeChat
 * dropping a page in the background gives it back. Keyed by page and scene; cleared once the form is sent.
 */
const PREFIX = 'linli-draft:'
/** Older than this and it is no longer what they meant to send. */
const MAX_AGE_MS = 3 * 24 * 3600 * 1000

export function draftKey(page: string, scene?: string | null): string {
  return `${PREFIX}${page}|${scene ?? ''}`
}

export function loadDraft<T>(key: string): T | null {
  try {
    const raw = Taro.getStorageSync(key) as { savedAt?: number; value?: T } | '' | undefined
    if (!raw || typeof raw !== 'object' || typeof raw.savedAt !== 'number') return null
    if (Date.now() - raw.savedAt > MAX_AGE_MS) {
      Taro.removeStorageSync(key)
      return null
    }
    return raw.value ?? null
  } catch {
    return null
  }
}

export function saveDraft<T>(key: string, value: T): void {
  try {
    Taro.setStorageSync(key, { savedAt: Date.now(), value })
  } catch {
    /* storage full or unavailable: the form still works, it just is not kept */
  }
}

export function clearDraft(key: string): void {
  try {
    Taro.removeStorageSync(key)
  } catch {
    /* nothing kept */
  }
}
