import { useState } from 'react'
import Taro from '@tarojs/taro'
import { View, Text, Button, Picker, Image, Switch } from '@tarojs/components'
import {
  AGE_GROUP_LABELS,
  AGE_GROUPS,
  GENDER_LABELS,
  GENDERS,
  LIMITS,
  WISH_TYPE_LABELS,
  WISH_TYPES,
  wishDisplayName,
  type AgeGroup,
  type Gender,
  type WishType,
} from '@linli/domain'
import PageShell from '../../../../components/PageShell'
import { ChipGroup } from '../../../../components/Chip'
import FormField from '../../../../components/FormField'
import StatusView from '../../../../components/StatusView'
import { createWish, fetchMyCommunities } from '../../../../features/wishes/api/manage'
import { useRemote } from '../../../../hooks/useRemote'
import { pickAndUploadPhotos } from '../../../../features/wishes/api/upload-photo'
import type { WishPhoto } from '../../../../features/wishes/types'
import { ApiError, errorMessage } from '../../../../lib/errors'
import { localDateFromToday } from '../../../../lib/time'
import { ROUTES, withQuery } from '../../../../lib/routes'
import '../wishes.scss'
import { labelled } from '../../../../lib/a11y'

/** 录入心愿 (grid worker / staff, after a home visit). The public name is derived, never typed. */
export default function RecordWishPage() {
  const remote = useRemote(fetchMyCommunities, [])
  const named = remote.data ?? []
  const [communityIdx, setCommunityIdx] = useState(0)
  const [name, setName] = useState('')
  const [gender, setGender] = useState<Gender>('female')
  const [ageGroup, setAgeGroup] = useState<AgeGroup>('elder')
  const [building, setBuilding] = useState('')
  const [phone, setPhone] = useState('')
  const [situation, setSituation] = useState('')
  const [title, setTitle] = useState('')
  const [story, setStory] = useState('')
  const [type, setType] = useState<WishType>('goods')
  const [value, setValue] = useState('')
  const [wishBy, setWishBy] = useState(localDateFromToday(30))
  const [partyPriority, setPartyPriority] = useState(false)
  /** the grid the beneficiary lives in; null → not chosen (then only the community's staff follow the wish) */
  const [gridId, setGridId] = useState<number | null>(null)
  const [photos, setPhotos] = useState<WishPhoto[]>([])
  const [fields, setFields] = useState<Record<string, string[]>>({})
  const [error, setError] = useState('')
  const [busy, setBusy] = useState(false)

  if (remote.loading && !remote.data) return <PageShell className='wish-page'><StatusView status='loading' rows={2} /></PageShell>
  if (remote.error) return <PageShell className='wish-page'><StatusView status='error' message={remote.errorText} onRetry={remote.reload} /></PageShell>
  if (!named.length) return <PageShell className='wish-page'><StatusView status='empty' title='你还没有负责的社区' hint='网格员和社区工作人员可以录入心愿' /></PageShell>
  const community = named[Math.min(communityIdx, named.length - 1)]
  const grids = community.grids ?? []
  // One grid to choose from (a grid worker's own): it is the one.
  const chosenGrid = grids.length === 1 ? grids[0].id : grids.some((g) => g.id === gridId) ? gridId : null
  const preview = name.trim() ? wishDisplayName(name, gender, ageGroup, community.name) : ''
  const fieldError = (key: string) => (fields[key]?.length ? <Text className='wish-field__error'>{fields[key][0]}</Text> : null)
  const err = (key: string) => fields[key]?.[0]

  const submit = async () => {
    setBusy(true)
    setError('')
    setFields({})
    try {
      const created = await createWish({
        communityId: community.id,
        ...(chosenGrid ? { gridId: chosenGrid } : {}),
        beneficiary: { name: name.trim(), gender, ageGroup, building: building.trim(), ...(phone ? { phone } : {}), situation: situation.trim() },
        title: title.trim(),
        story: story.trim(),
        type,
        estimatedValue: Number(value || 0),
        photoIds: photos.map((p) => p.id),
        wishBy,
        partyPriority,
      })
      void Taro.showToast({ title: '已提交审核', icon: 'success' })
      void Taro.redirectTo({ url: withQuery(ROUTES.wishManageDetail, { id: created.id }) })
    } catch (err) {
      setError(errorMessage(err))
      if (err instanceof ApiError && err.fields) setFields(err.fields)
    } finally {
      setBusy(false)
    }
  }

  return (
    <PageShell className='wish-page wish-record'>
      <View className='wish-block'>
        <Text className='wish-block__title'>心愿对象（仅社区工作人员和网格员可见）</Text>
        <Picker mode='selector' range={named.map((c) => c.name)} value={communityIdx} onChange={(e) => { setCommunityIdx(Number(e.detail.value)); setGridId(null) }}>
          <View className='wish-block__row'><Text>社区</Text><Text>{community.name} ▾</Text></View>
        </Picker>
        {grids.length > 1 ? (
          <View className='wish-field wish-record__grid'>
            <Text className='wish-field__label'>所在网格（该网格的网格员会看到并跟进）</Text>
            <ChipGroup className='wish-tabs' chipClassName='wish-tab' label='所在网格' options={grids.map((g) => ({ value: g.id, label: g.name }))} value={chosenGrid} onChange={(g) => setGridId(g ?? null)} deselectable />
            {err('gridId') ? <Text className='wish-field__error'>{err('gridId')}</Text> : !chosenGrid ? <Text className='wish-block__hint'>不选网格：只有社区工作人员能看到这位心愿对象。</Text> : null}
          </View>
        ) : grids.length === 1 ? (
          <View className='wish-block__row'><Text>所在网格</Text><Text>{grids[0].name}</Text></View>
        ) : null}
        <FormField label='姓名' className='wish-record__name' value={name} limit={LIMITS.wish.beneficiaryName} placeholder='对方姓名（不会公开）' onInput={setName} error={err('beneficiary.name')} />
        <View className='wish-field'>
          <Text className='wish-field__label'>性别与年龄段（只用于公开的称呼）</Text>
          <ChipGroup className='wish-tabs' chipClassName='wish-tab' label='性别' options={GENDERS.map((g) => ({ value: g, label: GENDER_LABELS[g] }))} value={gender} onChange={(g) => g && setGender(g)} />
          <ChipGroup className='wish-tabs' chipClassName='wish-tab' label='年龄段' options={AGE_GROUPS.map((a) => ({ value: a, label: AGE_GROUP_LABELS[a] }))} value={ageGroup} onChange={(a) => a && setAgeGroup(a)} />
        </View>
        <FormField label='楼栋门牌' className='wish-record__building' value={building} limit={LIMITS.wish.beneficiaryBuilding} placeholder='例如 六区12幢301室' onInput={setBuilding} error={err('beneficiary.building')} />
        <FormField label='联系电话（选填）' className='wish-record__phone' type='number' value={phone} maxlength={11} placeholder='11 位手机号' onInput={setPhone} error={err('beneficiary.phone')} />
        <FormField label='困难情况说明（选填）' className='wish-record__situation' multiline value={situation} limit={LIMITS.wish.situation} placeholder='例如 独居，腿脚不便' onInput={setSituation} error={err('beneficiary.situation')} />
        {preview ? <Text className='wish-block__hint wish-record__preview'>公开显示为：{preview}</Text> : null}
      </View>

      <View className='wish-block'>
        <Text className='wish-block__title'>心愿（审核后公开）</Text>
        <ChipGroup className='wish-tabs' chipClassName='wish-tab' label='心愿类型' options={WISH_TYPES.map((t) => ({ value: t, label: WISH_TYPE_LABELS[t] }))} value={type} onChange={(t) => t && setType(t)} />
        <FormField label='心愿标题' className='wish-record__title' value={title} limit={LIMITS.wish.title} placeholder='例如 想要一台收音机' onInput={setTitle} error={err('title')} />
        <FormField label='心愿故事' className='wish-record__story' multiline value={story} limit={LIMITS.wish.story} placeholder='不要写姓名、电话、住址' onInput={setStory} error={err('story')} />
        <FormField label='预估价值（元）' className='wish-record__value' type='number' value={value} maxlength={6} placeholder='例如 120' onInput={setValue} error={err('estimatedValue')} />
        <Picker mode='date' value={wishBy} start={localDateFromToday(1)} onChange={(e) => setWishBy(e.detail.value)}>
          <View className='wish-block__row'><Text>心愿截止日期</Text><Text>{wishBy} ▾</Text></View>
        </Picker>
        {fieldError('wishBy')}
        <View className='wish-block__row wish-block__row--switch'>
          <Text>党员优先</Text>
          <Switch checked={partyPriority} color='#c8102e' {...labelled('党员优先')} onChange={(e) => setPartyPriority(!!e.detail.value)} />
        </View>
        <Text className='wish-block__hint wish-record__photo-reminder'>照片请勿拍到人脸、身份证件、门牌号等个人信息。</Text>
        <View className='wish-block__photos'>
          {photos.map((p) => (
            <Image key={p.id} className='wish-block__photo' src={p.thumbUrl} mode='aspectFill' nativeProps={{ alt: '已上传的照片' }} />
          ))}
        </View>
        {photos.length < 6 ? (
          <Button className='btn btn--ghost' onClick={async () => {
            try {
              const added = await pickAndUploadPhotos(6 - photos.length)
              setPhotos((prev) => [...prev, ...added].slice(0, 6))
            } catch (err) {
              setError(errorMessage(err))
            }
          }}>添加照片（选填）</Button>
        ) : null}
      </View>
      {error ? <Text className='wish-block__error wish-record__error'>{error}</Text> : null}
      <View className='wish-block'>
        <Button className='btn btn--primary btn--block wish-record__submit' loading={busy} disabled={busy} onClick={submit}>提交审核</Button>
      </View>
    </PageShell>
  )
}
