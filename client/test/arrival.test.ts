import Taro from '@tarojs/taro'
import { foldSceneInput, pointSceneKey } from '@linli/domain'
import { clearDraft, draftKey, loadDraft, saveDraft } from '../lib/draft'
import { currentPageUrl, goToLogin, pageNeedsSession, returnTo, safeReturnUrl } from '../lib/session-gate'
import { consumeLaunchScene, rememberLaunchScene } from '../lib/launch'
import { decodeScene, sceneFromScan } from '../lib/scene'
import { successIcon } from '../lib/toast'
import { resetTaro, setPages, setRouterParams } from './__mocks__/taro'

beforeEach(() => resetTaro())

describe('typed point codes', () => {
  it('should fold full-width characters and dash look-alikes, keep case, and lower-case only for a point lookup', () => {
    expect(foldSceneInput('hy2－b12')).toBe('hy2-b12')
    expect(foldSceneInput('ＨＹ２—Ｂ１２ ')).toBe('HY2-B12')
    expect(pointSceneKey('Hy2－B12')).toBe('hy2-b12')
    expect(decodeScene(encodeURIComponent('hy2－b12'))).toBe('hy2-b12')
    expect(sceneFromScan({ result: 'HY2－B12' })).toBe('HY2-B12')
    expect(decodeScene(encodeURIComponent('中文码'))).toBeNull()
  })
})

describe('drafts', () => {
  it('should keep a form by page and scene until it is cleared', () => {
    const key = draftKey('/packages/service/pages/new/index', 'hy2-b12')
    expect(key).not.toBe(draftKey('/packages/service/pages/new/index', 'hy2-b13'))
    saveDraft(key, { description: '垃圾桶坏了' })
    expect(loadDraft<{ description: string }>(key)).toEqual({ description: '垃圾桶坏了' })
    clearDraft(key)
    expect(loadDraft(key)).toBeNull()
  })

  it('should drop a draft days old', () => {
    const key = draftKey('/x', null)
    Taro.setStorageSync(key, { savedAt: Date.now() - 4 * 24 * 3600 * 1000, value: { a: 1 } })
    expect(loadDraft(key)).toBeNull()
  })
})

describe('login with a way back', () => {
  it('should send a page that needs a session to 登录 with its own address, and come back to it', () => {
    setPages(['packages/service/pages/detail/index'])
    setRouterParams({ id: '42', $taroTimestamp: '1' })
    expect(pageNeedsSession('packages/service/pages/detail/index')).toBe(true)
    expect(pageNeedsSession('/packages/service/pages/board/index')).toBe(false)
    expect(currentPageUrl()).toBe('/packages/service/pages/detail/index?id=42')
    goToLogin()
    expect(Taro.redirectTo).toHaveBeenCalledWith({ url: `/packages/account/pages/login/index?redirect=${encodeURIComponent('/packages/service/pages/detail/index?id=42')}` })
    expect(returnTo('/packages/service/pages/detail/index?id=42')).toBe(true)
    expect(Taro.redirectTo).toHaveBeenLastCalledWith({ url: '/packages/service/pages/detail/index?id=42' })
    expect(returnTo('/pages/mine/index')).toBe(true)
    expect(Taro.switchTab).toHaveBeenLastCalledWith({ url: '/pages/mine/index' })
  })

  it('should only ever return to a page of this app', () => {
    expect(safeReturnUrl('https://evil.example/')).toBeNull()
    expect(safeReturnUrl('//evil.example/pages/index/index')).toBeNull()
    expect(safeReturnUrl('/pages/nowhere')).toBeNull()
    expect(safeReturnUrl('/packages/account/pages/login/index')).toBeNull()
    expect(safeReturnUrl('%2Fpackages%2Fservice%2Fpages%2Fnew%2Findex%3Fscene%3Dhy2-b12')).toBe('/packages/service/pages/new/index?scene=hy2-b12')
  })
})

describe('launch scene', () => {
  it('should pass a launch scene on from the landing page but leave a sub-page its own ?scene=', () => {
    rememberLaunchScene('hy2-b12')
    consumeLaunchScene('/packages/service/pages/new/index')
    expect(Taro.navigateTo).not.toHaveBeenCalled()
    rememberLaunchScene('hy2-b12')
    consumeLaunchScene('/pages/index/index')
    expect(Taro.navigateTo).toHaveBeenCalledWith({ url: '/packages/places/pages/scene/index?scene=hy2-b12' })
  })
})

describe('toasts', () => {
  it('should drop the tick from a toast WeChat would cut', () => {
    expect(successIcon('已签收')).toBe('success')
    expect(successIcon('已提交 MSB-20261128-0042')).toBe('none')
  })
})
