import type { PropsWithChildren } from 'react'
import { useLaunch } from '@tarojs/taro'
import { setupPrivacy } from './lib/privacy/setup'
import { readLaunchScene } from './lib/launch-scene'
import { rememberLaunchScene } from './lib/launch'
import './app.scss'

function App({ children }: PropsWithChildren) {
  useLaunch(() => {
    setupPrivacy()
    rememberLaunchScene(readLaunchScene())
  })
  return children
}

export default App
