import { useState } from 'react'
import Taro from '@tarojs/taro'
import { View, Text } from '@tarojs/components'
import { COMMUNITY_KIND_LABELS, POINT_KIND_LABELS } from '@linli/domain'
import PageShell from '../../../../components/PageShell'
import StatusView from '../../../../components/StatusView'
import Tag from '../../../../components/Tag'
import { useRemote } from '../../../../hooks/useRemote'
import { fetchPlaceTree } from '../../../../features/places/api/place-tree'
import type { TreePoint, TreeStreet } from '../../../../features/places/types'
import { ROUTES, withQuery } from '../../../../lib/routes'
import './index.scss'

export default function PlaceTreePage() {
  const tree = useRemote<TreeStreet[]>(fetchPlaceTree, [])
  const [open, setOpen] = useState<Record<string, boolean>>({})
  const toggle = (key: string) => setOpen((o) => ({ ...o, [key]: !o[key] }))

  const openPoint = (p: TreePoint) =>
    Taro.navigateTo({ url: withQuery(ROUTES.qrcode, { id: p.id, name: p.name, scene: p.scene }) })

  let body: JSX.Element
  if (tree.loading && !tree.data) body = <StatusView status='loading' />
  else if (tree.error) {
    const forbidden = tree.error.statusCode === 403
    body = <StatusView status='error' message={forbidden ? '仅街道、社区工作人员可以查看点位' : tree.errorText} onRetry={forbidden ? undefined : tree.reload} />
  } else if (!tree.data || tree.data.every((s) => s.communities.length === 0)) {
    body = <StatusView status='empty' title='暂无点位' hint='管理员添加点位后会显示在这里' />
  } else {
    body = (
      <>
        {tree.data.map((street) => (
          <View key={street.id} className='tree-street'>
            <Text className='section-title'>{street.name}</Text>
            {street.communities.map((c) => {
              const cKey = `c${c.id}`
              const pointCount = c.grids.reduce((n, g) => n + g.points.length, 0)
              return (
                <View key={c.id} className='tree-community'>
                  <View className='tree-row tree-row--community' onClick={() => toggle(cKey)}>
                    <Text className='tree-row__caret'>{open[cKey] ? '▾' : '▸'}</Text>
                    <Text className='tree-row__name'>{c.name}</Text>
                    <Tag>{COMMUNITY_KIND_LABELS[c.kind] ?? '社区'}</Tag>
                    <Text className='tree-row__count'>
                      {c.grids.length} 个网格 · {pointCount} 个点位
                    </Text>
                  </View>
                  {open[cKey]
                    ? c.grids.map((g) => {
                        const gKey = `g${g.id}`
                        return (
                          <View key={g.id} className='tree-grid'>
                            <View className='tree-row tree-row--grid' onClick={() => toggle(gKey)}>
                              <Text className='tree-row__caret'>{open[gKey] ? '▾' : '▸'}</Text>
                              <Text className='tree-row__name'>{g.name}</Text>
                              <Text className='tree-row__count'>{g.worker ? `网格员 ${g.worker.name}` : '未配网格员'}</Text>
                            </View>
                            {open[gKey]
                              ? g.points.map((p) => (
                                  <View key={p.id} className='tree-row tree-row--point' onClick={() => openPoint(p)}>
                                    <View className='tree-point__text'>
                                      <Text className='tree-row__name'>{p.name}</Text>
                                      <Text className='tree-point__meta'>
                                        {POINT_KIND_LABELS[p.kind] ?? '点位'} · 编码 {p.scene}
                                      </Text>
                                    </View>
                                    <Text className='tree-point__qr'>二维码 ›</Text>
                                  </View>
                                ))
                              : null}
                            {open[gKey] && g.points.length === 0 ? <Text className='tree-empty'>该网格暂无点位</Text> : null}
                          </View>
                        )
                      })
                    : null}
                </View>
              )
            })}
          </View>
        ))}
      </>
    )
  }

  return <PageShell className='tree-page'>{body}</PageShell>
}
