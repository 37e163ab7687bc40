import { useEffect, type ReactNode } from 'react'
import Taro from '@tarojs/taro'
import { View } from '@tarojs/components'
import { usePageClass } from '../../hooks/usePageClass'
import { consumeLaunchScene } from '../../lib/launch'
import PrivacyConsent from '../PrivacyConsent'

interface Props {
  className?: string
  children?: ReactNode
}

export default function PageShell({ className, children }: Props) {
  const pageClass = usePageClass(className)
  useEffect(() => {
    consumeLaunchScene(Taro.getCurrentInstance()?.router?.path)
  }, [])
  return (
    <View className={pageClass}>
      {children}
      <PrivacyConsent />
    </View>
  )
}
