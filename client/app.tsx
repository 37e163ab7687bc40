import type { PropsWithChildren } from 'react'
import Taro, { useDidShow, useLaunch, usePageNotFound } from '@tarojs/taro'
import { setupPrivacy } from './lib/privacy/setup'
import { readLaunchScene, readShowScene } from './lib/launch-scene'
import { handleAppShow, rememberLaunchScene } from './lib/launch'
import { watchForUpdates } from './lib/update'
import { ROUTES, withQuery } from './lib/routes'
import './app.scss'

function App({ children }: PropsWithChildren) {
  useLaunch(() => {
    setupPrivacy()
    watchForUpdates()
    rememberLaunchScene(readLaunchScene())
  })
  // Hot start: a scan while the app is running.
  useDidShow((options) => handleAppShow(readShowScene(options as { query?: Record<string, unknown> } | undefined)))
  // An address that is no page (a mistyped or outdated link): 找不到页面 with the way home, never a blank screen.
  usePageNotFound((res) => {
    void Taro.redirectTo({ url: withQuery(ROUTES.notFound, { path: res?.path }) })
  })
  return children
}

export default App
