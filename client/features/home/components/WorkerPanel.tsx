import { View, Text } from '@tarojs/components'
import { link } from '../../../lib/routes'
import type { GridWorkerHome } from '../types'
import CountTile from './CountTile'
import { open } from './nav'
import './home.scss'

/** 网格员: the three piles of the workbench, each one tap into its tab. */
export default function WorkerPanel({ home }: { home: GridWorkerHome }) {
  const { tasks, grids } = home
  return (
    <View className='home-panel home-panel--worker'>
      <View className='home-section'>
        <View className='home-section__head'>
          <Text className='home-section__title'>今日待办</Text>
        </View>
        <Text className='home-section__sub'>{grids.length ? grids.map((g) => `${g.communityName} ${g.name}`).join('、') : '还没有分配网格，派给您的诉求会出现在这里'}</Text>
        <View className='home-tiles home-tiles--three'>
          <CountTile className='home-tile--pending' label='待签收' count={tasks.pending} url={link('serviceWorker', { tab: 'pending' })} />
          <CountTile className='home-tile--working' label='处置中' count={tasks.working} url={link('serviceWorker', { tab: 'working' })} />
          <CountTile className='home-tile--overdue' label='已超时' count={tasks.overdue} alert url={link('serviceWorker', { tab: 'overdue' })} />
        </View>
      </View>
      <View className='home-cta' onClick={() => open(link('serviceWorker'))}>
        <Text>打开工作台</Text>
      </View>
    </View>
  )
}
