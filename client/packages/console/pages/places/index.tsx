import { useState } from 'react'
import Taro from '@tarojs/taro'
import { Text, View } from '@tarojs/components'
import { COMMUNITY_KIND_LABELS, COMMUNITY_KINDS, POINT_KIND_LABELS, POINT_KINDS, type CommunityKind, type PointKind, type PointView } from '@linli/domain'
import FormField from '../../../../components/FormField'
import PageShell from '../../../../components/PageShell'
import StatusView from '../../../../components/StatusView'
import ListFooter from '../../../../components/ListFooter'
import { useAction } from '../../../../hooks/useAction'
import { usePagedList } from '../../../../hooks/usePagedList'
import { useRemote } from '../../../../hooks/useRemote'
import { fetchPlaceTree } from '../../../../features/places/api/place-tree'
import { createCommunity, createGrid, createPoint, createStreet, listPoints, updatePoint } from '../../../../features/places/api/manage'
import { CAN_PICK_LOCATION, pickLocation } from '../../../../features/places/platform/location'
import { ApiError } from '../../../../lib/errors'
import { link } from '../../../../lib/routes'
import { useSession } from '../../../../stores/session'
import '../../console.scss'
import { confirm } from '../../../../lib/confirm'

type Errors = Record<string, string>
const fieldErrors = (err: unknown): Errors => (err instanceof ApiError ? Object.fromEntries(Object.entries(err.fields).map(([k, v]) => [k, v[0]])) : {})

/**
 * 点位管理: the map from the top. The admin creates the street and its communities and villages; staff (and the admin)
 * add grids and points to their communities, with coordinates (typed, or WeChat's map picker), retire a sticker,
 * and print a grid's codes. Points page 20 at a time.
 */
export default function PlacesConsole() {
  const isAdmin = !!useSession((s) => s.user?.roles.includes('admin'))
  const tree = useRemote(fetchPlaceTree, [])
  const [chosenCommunity, setCommunityId] = useState<number | null>(null)
  const [chosenGrid, setGridId] = useState<number | null>(null)
  const saving = useAction()
  const [errors, setErrors] = useState<Errors>({})
  // Which form the field errors belong to: the four forms share field names (name, …).
  const [errForm, setErrForm] = useState('')
  const err = (form: string, field: string) => (errForm === form ? errors[field] : undefined)
  const [street, setStreet] = useState({ name: '', district: '' })
  const [community, setCommunity] = useState({ name: '', kind: 'community' as CommunityKind })
  const [gridName, setGridName] = useState('')
  const emptyPoint = { name: '', kind: 'building' as PointKind, address: '', lat: '', lng: '', scene: '' }
  const [point, setPoint] = useState(emptyPoint)

  const streets = tree.data ?? []
  const communities = streets.flatMap((s) => s.communities)
  // What is shown: the community and grid chosen, else the first ones.
  const current = communities.find((c) => c.id === chosenCommunity) ?? communities[0] ?? null
  const communityId = current?.id ?? null
  const grid = current?.grids.find((g) => g.id === chosenGrid) ?? current?.grids[0] ?? null
  const gridId = grid?.id ?? null

  const points = usePagedList<PointView, string>((cursor) => listPoints(gridId!, cursor), [gridId], { enabled: !!gridId })

  const save = async <T,>(form: string, work: () => Promise<T>, success: string, after: (r: T) => void) => {
    setErrors({})
    setErrForm(form)
    const r = await saving.run(async () => {
      try {
        return await work()
      } catch (err) {
        setErrors(fieldErrors(err))
        throw err
      }
    }, { success })
    if (r !== undefined) after(r)
  }

  if (tree.loading && !tree.data) return <PageShell className='cs'><StatusView status='loading' /></PageShell>
  if (tree.error) return <PageShell className='cs'><StatusView status='error' message={tree.errorText} onRetry={tree.reload} /></PageShell>

  const addStreet = () =>
    save('street', () => createStreet({ name: street.name.trim(), district: street.district.trim() || undefined }), '街道已创建', () => {
      setStreet({ name: '', district: '' })
      void tree.reload()
    })
  const addCommunity = (streetId: number) =>
    save('community', () => createCommunity({ streetId, name: community.name.trim(), kind: community.kind }), `${COMMUNITY_KIND_LABELS[community.kind]}已添加`, (c) => {
      setCommunity({ name: '', kind: community.kind })
      setCommunityId(c.id)
      void tree.reload()
    })
  const addGrid = () =>
    save('grid', () => createGrid({ communityId: communityId!, name: gridName.trim() }), '网格已添加', (g) => {
      setGridName('')
      setGridId(g.id)
      void tree.reload()
    })
  const addPoint = () => {
    const lat = point.lat.trim() ? Number(point.lat) : undefined
    const lng = point.lng.trim() ? Number(point.lng) : undefined
    if ((lat !== undefined && !Number.isFinite(lat)) || (lng !== undefined && !Number.isFinite(lng))) {
      setErrForm('point')
      setErrors({ lat: '经纬度须为数字，如 31.4521 / 120.5563' })
      return
    }
    return save(
      'point',
      () => createPoint({ gridId: gridId!, name: point.name.trim(), kind: point.kind, address: point.address.trim() || undefined, lat, lng, scene: point.scene.trim() || undefined }),
      '点位已添加',
      (p) => {
        setPoint(emptyPoint)
        points.setItems((items) => [...items, p])
        void Taro.showModal({ title: '点位已添加', content: `「${p.name}」的点位码是 ${p.scene}。可在下方「打印点位码」打印贴纸。`, showCancel: false })
      },
    )
  }
  const pick = async () => {
    const loc = await pickLocation()
    if (loc) setPoint((p) => ({ ...p, lat: String(loc.lat), lng: String(loc.lng), address: p.address || loc.address, name: p.name || loc.name }))
  }
  const toggle = async (p: PointView) => {
    if (p.active) {
      const confirmed = await confirm({ title: '停用点位', content: `停用后，扫「${p.name}」的码会提示“二维码无效或已停用”。确定停用吗？`, danger: true })
      if (!confirmed) return
    }
    const r = await saving.run(() => updatePoint(p.id, { active: !p.active }), { success: p.active ? '已停用' : '已启用' })
    if (r) points.setItems((items) => items.map((x) => (x.id === r.id ? r : x)))
  }

  return (
    <PageShell className='cs cs-places'>
      {streets.length === 0 ? (
        isAdmin ? (
          <View className='cs__card cs-places__street'>
            <Text className='cs__heading'>第一步：创建街道</Text>
            <Text className='cs__hint'>街道是一切的起点：之后依次添加社区和村、网格、点位。</Text>
            <FormField label='街道名称' value={street.name} onInput={(v) => setStreet({ ...street, name: v })} error={err('street', 'name')} placeholder='如：漕湖街道' className='cs-places__street-name' />
            <FormField label='所属区县（选填）' value={street.district} onInput={(v) => setStreet({ ...street, district: v })} error={err('street', 'district')} placeholder='如：相城区' />
            <Text className='cs__btn cs-places__street-save' onClick={() => void addStreet()}>创建街道</Text>
          </View>
        ) : (
          <StatusView status='empty' title='您还没有负责的社区' hint='请联系街道管理员，为您发送工作人员邀请' />
        )
      ) : null}

      {streets.map((s) => (
        <View key={s.id} className='cs__card'>
          <Text className='cs__heading'>{s.name}</Text>
          <Text className='cs__label'>社区和村</Text>
          {s.communities.length ? (
            <View className='cs__chips cs-places__communities'>
              {s.communities.map((c) => (
                <Text key={c.id} className={`cs__chip ${c.id === communityId ? 'cs__chip--on' : ''}`} onClick={() => setCommunityId(c.id)}>
                  {c.name}
                </Text>
              ))}
            </View>
          ) : (
            <Text className='cs__hint'>还没有社区或村，请先添加。</Text>
          )}
          {isAdmin ? (
            <View className='cs-places__add-community'>
              <FormField label='新增社区或村' value={community.name} onInput={(v) => setCommunity({ ...community, name: v })} error={err('community', 'name')} placeholder='如：漕湖花苑社区' className='cs-places__community-name' />
              <View className='cs__chips'>
                {COMMUNITY_KINDS.map((k) => (
                  <Text key={k} className={`cs__chip ${community.kind === k ? 'cs__chip--on' : ''}`} onClick={() => setCommunity({ ...community, kind: k })}>
                    {COMMUNITY_KIND_LABELS[k]}
                  </Text>
                ))}
              </View>
              <Text className='cs__btn cs__btn--ghost cs-places__community-save' onClick={() => void addCommunity(s.id)}>
                添加{COMMUNITY_KIND_LABELS[community.kind]}
              </Text>
            </View>
          ) : null}
        </View>
      ))}

      {current ? (
        <View className='cs__card'>
          <Text className='cs__heading'>{current.name} 的网格</Text>
          {current.grids.length ? (
            <View className='cs__chips cs-places__grids'>
              {current.grids.map((g) => (
                <Text key={g.id} className={`cs__chip ${g.id === gridId ? 'cs__chip--on' : ''}`} onClick={() => setGridId(g.id)}>
                  {g.name}
                  {g.worker ? ` · ${g.worker.name}` : ' · 未配网格员'}
                </Text>
              ))}
            </View>
          ) : (
            <Text className='cs__hint'>还没有网格。网格是网格员负责的范围，居民反映的事项按点位所在网格派给网格员。</Text>
          )}
          <FormField label='新增网格' value={gridName} onInput={setGridName} error={err('grid', 'name')} placeholder='如：第一网格' className='cs-places__grid-name' />
          <Text className='cs__btn cs__btn--ghost cs-places__grid-save' onClick={() => void addGrid()}>添加网格</Text>
          {grid && !grid.worker ? (
            <Text className='cs__hint cs-places__invite-hint' onClick={() => void Taro.navigateTo({ url: link('consoleInvites', { role: 'grid_worker', gridId: grid.id }) })}>
              这个网格还没有网格员 → 邀请网格员
            </Text>
          ) : null}
        </View>
      ) : null}

      {grid ? (
        <View className='cs__card cs-places__points'>
          <Text className='cs__heading'>{grid.name} 的点位</Text>
          {points.loading && !points.items.length ? <StatusView status='loading' rows={1} /> : null}
          {points.error ? <StatusView status='error' message={points.errorText} onRetry={points.reload} /> : null}
          {points.empty ? <Text className='cs__hint'>还没有点位。点位是贴码的地方：一栋楼、一个充电桩、一处座椅。</Text> : null}
          {points.items.map((p) => (
            <View key={p.id} className='cs__item cs-places__point'>
              <Text className='cs__item-title'>{p.name}</Text>
              <Text className='cs__item-meta'>
                {POINT_KIND_LABELS[p.kind]} · 点位码 {p.scene}
                {p.address ? ` · ${p.address}` : ''}
              </Text>
              <Text className='cs__item-meta'>{p.lat !== null && p.lng !== null ? `坐标 ${p.lat}, ${p.lng}` : '未填坐标（Open311 按坐标找不到它）'}</Text>
              <View className='cs__row'>
                <Text className={`cs__tag ${p.active ? 'cs__tag--done' : 'cs__tag--off'}`}>{p.active ? '使用中' : '已停用'}</Text>
                <Text className='cs__btn cs__btn--small cs__btn--ghost' onClick={() => void toggle(p)}>
                  {p.active ? '停用' : '重新启用'}
                </Text>
              </View>
            </View>
          ))}
          <ListFooter list={points} />
          {points.items.length ? (
            <Text className='cs__btn cs-places__print' onClick={() => void Taro.navigateTo({ url: link('consoleSheet', { gridId: grid.id }) })}>
              打印点位码
            </Text>
          ) : null}

          <View className='cs-places__add-point'>
            <Text className='cs__section'>新增点位</Text>
            <FormField label='点位名称' value={point.name} onInput={(v) => setPoint({ ...point, name: v })} error={err('point', 'name')} placeholder='如：12幢' className='cs-places__point-name' />
            <Text className='cs__label'>类型</Text>
            <View className='cs__chips'>
              {POINT_KINDS.map((k) => (
                <Text key={k} className={`cs__chip ${point.kind === k ? 'cs__chip--on' : ''}`} onClick={() => setPoint({ ...point, kind: k })}>
                  {POINT_KIND_LABELS[k]}
                </Text>
              ))}
            </View>
            <FormField label='楼栋或地址' value={point.address} onInput={(v) => setPoint({ ...point, address: v })} error={err('point', 'address')} placeholder='如：漕湖花苑12幢东单元' className='cs-places__point-address' />
            <View className='cs__row'>
              <View className='cs__grow'>
                <FormField label='纬度' type='digit' value={point.lat} onInput={(v) => setPoint({ ...point, lat: v })} error={err('point', 'lat')} placeholder='31.4521' className='cs-places__point-lat' />
              </View>
              <View className='cs__grow'>
                <FormField label='经度' type='digit' value={point.lng} onInput={(v) => setPoint({ ...point, lng: v })} error={err('point', 'lng')} placeholder='120.5563' className='cs-places__point-lng' />
              </View>
            </View>
            {CAN_PICK_LOCATION ? (
              <Text className='cs__btn cs__btn--ghost cs__btn--small' onClick={() => void pick()}>
                在地图上选点
              </Text>
            ) : (
              <Text className='cs__hint'>坐标可在地图应用中长按该位置读取；也可以先不填。</Text>
            )}
            <FormField label='点位码（选填，不填自动生成）' value={point.scene} onInput={(v) => setPoint({ ...point, scene: v })} error={err('point', 'scene')} placeholder='如：hy2-b12' className='cs-places__point-scene' />
            <Text className={`cs__btn cs-places__point-save ${saving.busy ? 'cs__btn--busy' : ''}`} onClick={() => void addPoint()}>
              {saving.busy ? '正在保存…' : '添加点位'}
            </Text>
          </View>
        </View>
      ) : null}
    </PageShell>
  )
}
