import { useEffect, useState, type ReactNode } from 'react'
import Taro, { useRouter } from '@tarojs/taro'
import { View, Text } from '@tarojs/components'
import { usePageClass } from '../../hooks/usePageClass'
import { consumeLaunchScene } from '../../lib/launch'
import { ROUTES, TAB_ROUTES } from '../../lib/routes'
import PrivacyConsent from '../PrivacyConsent'
import './index.scss'

interface Props {
  className?: string
  children?: ReactNode
}

const norm = (raw: string) => `/${raw.replace(/^\//, '').split('?')[0]}`

/**
 * A sub-page with nothing under it: opened from a shared link, a scan or a notification, with no 返回 to tap.
 * `own` is the page's own path (its router, not the stack's top, which can lag while a page mounts).
 */
function isStranded(own: string | undefined): boolean {
  if (!own) return false
  const path = norm(own)
  // 找不到页面 has its own big 回到首页; tab pages are home already.
  if (path === ROUTES.notFound || (TAB_ROUTES as readonly string[]).includes(path)) return false
  const pages = (Taro.getCurrentPages?.() ?? []) as Array<{ route?: string }>
  return !pages.some((p) => p.route && norm(p.route) !== path)
}

export default function PageShell({ className, children }: Props) {
  const pageClass = usePageClass(className)
  const ownPath = useRouter()?.path
  const [stranded, setStranded] = useState(false)
  useEffect(() => {
    consumeLaunchScene(Taro.getCurrentInstance()?.router?.path)
  }, [])
  useEffect(() => {
    setStranded(isStranded(ownPath))
  }, [ownPath])
  return (
    <View className={pageClass}>
      {stranded ? (
        <View className='page-home'>
          <Text className='page-home__link' onClick={() => Taro.switchTab({ url: ROUTES.home })}>
            ‹ 回到首页
          </Text>
        </View>
      ) : null}
      {children}
      <PrivacyConsent />
    </View>
  )
}
