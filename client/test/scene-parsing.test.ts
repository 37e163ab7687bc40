import { decodeScene, sceneFromScan } from '../lib/scene'
import { formatDateTime, formatRelative } from '../lib/time'

describe('scene codes from scans and launches', () => {
  it('should read the scene from a 小程序码 path', () => {
    expect(sceneFromScan({ path: 'pages/index/index?scene=p.x7k2m9', result: '' })).toBe('p.x7k2m9')
  })

  it('should read an encoded scene from an H5 QR url', () => {
    expect(sceneFromScan({ result: 'https://linli.example/pages/index/index?from=qr&scene=p.ab%2F1' })).toBe('p.ab/1')
  })

  it('should accept a bare typed code and reject foreign QR content', () => {
    expect(sceneFromScan({ result: ' p.x7k2m9 ' })).toBe('p.x7k2m9')
    expect(sceneFromScan({ result: 'https://weixin.qq.com/r/some-other-app' })).toBeNull()
    expect(sceneFromScan({ result: '漕湖花园' })).toBeNull()
  })

  it('should decode a launch query once and reject invalid scenes', () => {
    expect(decodeScene('p.ab%2F1')).toBe('p.ab/1')
    expect(decodeScene('%E4%B8%AD')).toBeNull()
    expect(decodeScene(undefined)).toBeNull()
    expect(decodeScene('x'.repeat(33))).toBeNull()
  })
})

describe('time formatting', () => {
  it('should show UTC server times in Beijing time', () => {
    expect(formatDateTime('2024-11-27T16:30:00Z')).toBe('2024-11-28 00:30')
  })

  it('should describe recent times relative to now', () => {
    const now = new Date('2024-11-28T04:00:00Z')
    expect(formatRelative('2024-11-28T03:59:40Z', now)).toBe('刚刚')
    expect(formatRelative('2024-11-28T03:50:00Z', now)).toBe('10 分钟前')
    expect(formatRelative('2024-11-27T06:00:00Z', now)).toBe('昨天 14:00')
  })
})
