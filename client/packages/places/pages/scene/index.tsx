import Taro, { useRouter } from '@tarojs/taro'
import { View, Text, Button } from '@tarojs/components'
import { COMMUNITY_KIND_LABELS, ERROR_MESSAGES, POINT_KIND_LABELS, maskPhone, type ResolvedScene } from '@linli/domain'
import PageShell from '../../../../components/PageShell'
import Card from '../../../../components/Card'
import Tag from '../../../../components/Tag'
import StatusView from '../../../../components/StatusView'
import { useRemote } from '../../../../hooks/useRemote'
import { resolveScene } from '../../../../features/places/api/resolve-scene'
import { decodeScene } from '../../../../lib/scene'
import { ROUTES, withQuery } from '../../../../lib/routes'
import './index.scss'

export default function ScenePage() {
  const router = useRouter()
  const scene = decodeScene(router.params?.scene)
  const remote = useRemote<ResolvedScene>(() => resolveScene(scene as string), [scene], !!scene)

  const goHome = () => Taro.switchTab({ url: ROUTES.home })

  let body: JSX.Element
  if (!scene) {
    body = (
      <View className='scene-invalid'>
        <StatusView status='error' message={ERROR_MESSAGES.PLACE_SCENE_INVALID} />
        <Button className='btn btn--ghost scene-home' onClick={goHome}>
          返回首页
        </Button>
      </View>
    )
  } else if (remote.loading && !remote.data) {
    body = <StatusView status='loading' rows={2} />
  } else if (remote.error) {
    const gone = remote.error.code === 'PLACE_SCENE_INVALID' || remote.error.statusCode === 404
    body = (
      <View className={gone ? 'scene-invalid' : 'scene-error'}>
        <StatusView status='error' message={remote.errorText} onRetry={gone ? undefined : remote.reload} />
        {gone ? (
          <>
            <Text className='scene-invalid__hint'>请确认二维码完好，或联系社区工作人员</Text>
            <Button className='btn btn--ghost scene-home' onClick={goHome}>
              返回首页
            </Button>
          </>
        ) : null}
      </View>
    )
  } else if (remote.data) {
    const s = remote.data
    body = (
      <>
        <View className='scene-hero'>
          <Text className='scene-hero__label'>你在：</Text>
          <Text className='scene-point-name'>{s.point.name}</Text>
          <Text className='scene-hero__where'>
            {s.street.name} · {s.community.name}
          </Text>
          <View className='scene-hero__tags'>
            <Tag tone='primary'>{POINT_KIND_LABELS[s.point.kind] ?? '点位'}</Tag>
            <Tag>{s.grid.name}</Tag>
          </View>
          {s.point.address ? <Text className='scene-hero__address'>{s.point.address}</Text> : null}
        </View>

        <Card title='所在位置'>
          <View className='scene-path'>
            <PathRow label='街道' value={s.street.name} />
            <PathRow label={COMMUNITY_KIND_LABELS[s.community.kind] ?? '社区'} value={s.community.name} />
            <PathRow label='网格' value={s.grid.name} />
            <PathRow label='点位' value={s.point.name} />
          </View>
        </Card>

        <Card title='本网格网格员'>
          {s.gridWorker ? (
            <View className='scene-worker'>
              <View className='scene-worker__avatar'>{Array.from(s.gridWorker.name)[0]}</View>
              <View className='scene-worker__info'>
                <Text className='scene-worker__name'>{s.gridWorker.name}</Text>
                <Text className='scene-worker__phone'>{maskPhone(s.gridWorker.phone) ?? '暂未登记电话'}</Text>
              </View>
              <Tag tone='success'>在岗</Tag>
            </View>
          ) : (
            <Text className='muted'>该网格暂未安排网格员，可联系社区工作人员</Text>
          )}
        </Card>

        <Button className='btn btn--primary scene-report' onClick={() => Taro.navigateTo({ url: withQuery(ROUTES.serviceNew, { scene: s.scene }) })}>
          反映问题
        </Button>
        <Text className='scene-report__hint'>拍照说明情况，网格员会收到并上门处置</Text>
      </>
    )
  } else {
    body = <StatusView status='loading' rows={2} />
  }

  return <PageShell className='scene-page'>{body}</PageShell>
}

function PathRow({ label, value }: { label: string; value: string }) {
  return (
    <View className='scene-path__row'>
      <Text className='scene-path__label'>{label}</Text>
      <Text className='scene-path__value'>{value}</Text>
    </View>
  )
}
