import { useEffect, useState } from 'react'
import Taro, { useRouter } from '@tarojs/taro'
import { Input, Switch, Text, Textarea, View } from '@tarojs/components'
import {
  checkTicketAttributeDefs,
  TICKET_ATTRIBUTE_TYPE_LABELS,
  TICKET_ATTRIBUTE_TYPES,
  TICKET_DEFAULT_SIGN_FOR_HOURS,
  TICKET_MAX_ATTRIBUTES,
  type TicketAttribute,
  type TicketAttributeType,
} from '@linli/domain'
import FormField from '../../../../components/FormField'
import PageShell from '../../../../components/PageShell'
import StatusView from '../../../../components/StatusView'
import { useAction } from '../../../../hooks/useAction'
import { useRemote } from '../../../../hooks/useRemote'
import { createCategory, getCategory, updateCategory, type CategoryInput } from '../../../../features/service/api/console'
import type { Category } from '../../../../features/service/types'
import { ApiError } from '../../../../lib/errors'
import { link } from '../../../../lib/routes'
import '../../console.scss'
import './category.scss'
import { confirm } from '../../../../lib/confirm'
import { labelled } from '../../../../lib/a11y'

const ICONS = ['🧹', '🔧', '🔌', '⚠️', '🛵', '🤝', '📄', '💬', '🔊', '🚰', '🌳', '🚗', '🐕', '🏠', '💡', '🚧']
const LIST_TYPES: readonly TicketAttributeType[] = ['singlevaluelist', 'multivaluelist']

/** A question as it is written: its choices as the lines of one box (a choice keeps its key when renamed in place). */
interface Draft {
  code: string
  datatype: TicketAttributeType
  description: string
  required: boolean
  optionsText: string
  keys: string[]
}

const toDraft = (a: TicketAttribute): Draft => ({
  code: a.code,
  datatype: a.datatype,
  description: a.description,
  required: a.required,
  optionsText: (a.values ?? []).map((v) => v.name).join('\n'),
  keys: (a.values ?? []).map((v) => v.key),
})

/** The definitions to send: choices split by line (or 、，), keeping existing keys by position, new ones keyed o1, o2… */
function fromDrafts(drafts: readonly Draft[]): TicketAttribute[] {
  return drafts.map((d, i) => {
    const names = LIST_TYPES.includes(d.datatype) ? d.optionsText.split(/[\n，,、]/).map((s) => s.trim()).filter(Boolean) : []
    const used = new Set<string>()
    const values = names.map((name, j) => {
      let key = d.keys[j] && !used.has(d.keys[j]) ? d.keys[j] : `o${j + 1}`
      for (let n = j + 1; used.has(key); n++) key = `o${n}`
      used.add(key)
      return { key, name }
    })
    return { code: d.code.trim(), datatype: d.datatype, description: d.description.trim(), required: d.required, order: i + 1, ...(LIST_TYPES.includes(d.datatype) ? { values } : {}) }
  })
}

const num = (s: string) => (/^\d+$/.test(s.trim()) ? Number(s.trim()) : NaN)

/**
 * 编辑分类 (?id=; without it, 新建): name, icon, hint, 办理时限, 签收时限, order, enabled, and the extra questions
 * residents answer when they file — 单行/多行文字, 数字, 日期, 单选, 多选, each required or optional. The editor checks
 * them with domain's `checkTicketAttributeDefs`, the function the server runs before it saves.
 */
export default function CategoryEditor() {
  const id = Number(useRouter().params?.id) || 0
  const remote = useRemote<Category | null>(() => (id ? getCategory(id) : Promise.resolve(null)), [id])
  const [code, setCode] = useState('')
  const [name, setName] = useState('')
  const [icon, setIcon] = useState(ICONS[0])
  const [hint, setHint] = useState('')
  const [sla, setSla] = useState('24')
  const [signFor, setSignFor] = useState(String(TICKET_DEFAULT_SIGN_FOR_HOURS))
  const [order, setOrder] = useState('')
  const [active, setActive] = useState(true)
  const [drafts, setDrafts] = useState<Draft[]>([])
  const [errors, setErrors] = useState<Record<string, string>>({})
  const saving = useAction()

  useEffect(() => {
    const c = remote.data
    if (!c) return
    setCode(c.code)
    setName(c.name)
    setIcon(c.icon)
    setHint(c.hint)
    setSla(String(c.slaHours))
    setSignFor(String(c.signForHours))
    setOrder(String(c.sortOrder))
    setActive(c.active)
    setDrafts(c.attributes.map(toDraft))
    Taro.setNavigationBarTitle({ title: `编辑 ${c.name}` })
  }, [remote.data])

  const put = (i: number, patch: Partial<Draft>) => setDrafts((ds) => ds.map((d, k) => (k === i ? { ...d, ...patch } : d)))
  const move = (i: number, by: number) =>
    setDrafts((ds) => {
      const j = i + by
      if (j < 0 || j >= ds.length) return ds
      const next = [...ds]
      ;[next[i], next[j]] = [next[j], next[i]]
      return next
    })
  const add = () =>
    setDrafts((ds) => {
      const used = new Set(ds.map((d) => d.code))
      let n = ds.length + 1
      while (used.has(`q${n}`)) n++
      return [...ds, { code: `q${n}`, datatype: 'string', description: '', required: false, optionsText: '', keys: [] }]
    })
  const remove = async (i: number) => {
    const confirmed = await confirm({ title: '删除问题', content: `删除“${drafts[i].description || `问题 ${i + 1}`}”？已提交的工单保留原来的回答。`, danger: true })
    if (confirmed) setDrafts((ds) => ds.filter((_, k) => k !== i))
  }

  const save = async () => {
    const attributes = fromDrafts(drafts)
    const problems: Record<string, string> = { ...checkTicketAttributeDefs(attributes).problems }
    if (!id && !/^[a-z0-9_]{2,32}$/.test(code)) problems.code = '编码须为 2–32 位小写字母、数字或下划线'
    if (!name.trim()) problems.name = '请填写名称'
    if (!(num(sla) >= 1 && num(sla) <= 1440)) problems.slaHours = '办理时限须为 1–1440 的整数小时'
    if (!(num(signFor) >= 1 && num(signFor) <= 168)) problems.signForHours = '签收时限须为 1–168 的整数小时'
    if (order.trim() && !(num(order) >= 0 && num(order) <= 9999)) problems.sortOrder = '排序须为 0–9999 的整数'
    setErrors(problems)
    if (Object.keys(problems).length) {
      void Taro.showToast({ title: Object.values(problems)[0], icon: 'none' })
      return
    }
    const data: CategoryInput = { name: name.trim(), icon, hint: hint.trim(), slaHours: num(sla), signForHours: num(signFor), sortOrder: order.trim() ? num(order) : (remote.data?.sortOrder ?? 0), active, attributes }
    if (!id && !order.trim()) delete (data as Partial<CategoryInput>).sortOrder
    const saved = await saving.run(async () => {
      try {
        return id ? await updateCategory(id, data) : await createCategory(code, data)
      } catch (err) {
        if (err instanceof ApiError) setErrors(Object.fromEntries(Object.entries(err.fields).map(([k, v]) => [k, v[0]])))
        throw err
      }
    }, { success: id ? '已保存' : '已新建分类' })
    if (saved) {
      remote.setData(saved)
      // Back to the list; opened directly (a shared link, a reload) there is nothing to go back to.
      setTimeout(() => void (Taro.getCurrentPages().length > 1 ? Taro.navigateBack() : Taro.redirectTo({ url: link('consoleCategories') })), 600)
    }
  }

  const toggle = async (on: boolean) => {
    if (!on && id) {
      const confirmed = await confirm({ title: '停用分类', content: `停用后居民不能再按“${name}”反映问题，已有的工单照常办理。保存后生效。`, danger: true })
      if (!confirmed) return
    }
    setActive(on)
  }

  if (id && remote.loading && !remote.data) return <PageShell className='cs'><StatusView status='loading' rows={4} /></PageShell>
  if (remote.error) return <PageShell className='cs'><StatusView status='error' message={remote.errorText} onRetry={remote.reload} /></PageShell>

  const qError = (i: number) => Object.entries(errors).filter(([k]) => k === `attributes.${i}` || k.startsWith(`attributes.${i}.`)).map(([, m]) => m)[0]

  return (
    <PageShell className='cs cs-cat'>
      <View className='cs__card'>
        <Text className='cs__heading'>{id ? '分类信息' : '新建分类'}</Text>
        {id ? (
          <Text className='cs__hint'>编码 {code}（外部渠道 Open311 用它对接，不能修改）</Text>
        ) : (
          <FormField label='编码（小写字母、数字、下划线）' value={code} onInput={setCode} error={errors.code} placeholder='例如 noise' maxlength={32} />
        )}
        <FormField label='名称' value={name} onInput={setName} error={errors.name} placeholder='例如 噪音扰民' maxlength={30} />
        <Text className='cs__label'>图标</Text>
        <View className='cs__chips cs-cat__icons'>
          {ICONS.map((i) => (
            <Text key={i} className={`cs__chip cs-cat__icon ${icon === i ? 'cs__chip--on' : ''}`} onClick={() => setIcon(i)}>{i}</Text>
          ))}
        </View>
        <View className='cs__field'>
          <Text className='cs__label'>给居民的提示（选填）</Text>
          <Textarea className='cs__input cs__textarea' value={hint} maxlength={200} placeholder='例如 夜间施工、广场舞噪音，请写明时段' onInput={(e) => setHint(e.detail.value)} />
        </View>
        <View className='cs-cat__hours'>
          <FormField label='办理时限（小时）' type='number' value={sla} onInput={setSla} error={errors.slaHours} maxlength={4} />
          <FormField label='签收时限（小时）' type='number' value={signFor} onInput={setSignFor} error={errors.signForHours} maxlength={3} />
        </View>
        <FormField label='排序（小的在前）' type='number' value={order} onInput={setOrder} error={errors.sortOrder} placeholder='不填排在最后' maxlength={4} />
        <View className='cs-cat__switch'>
          <Text className='cs__label'>{active ? '启用中：居民可以选择' : '已停用：居民看不到'}</Text>
          <Switch checked={active} color='#c8102e' {...labelled('启用这个分类')} onChange={(e) => void toggle(!!e.detail.value)} />
        </View>
      </View>

      <View className='cs__card'>
        <Text className='cs__heading'>补充问题</Text>
        <Text className='cs__hint'>居民选了这个分类后要回答的问题；外部渠道（Open311）在 services/{code || '编码'}.json 里看到同样的问题。</Text>
        {drafts.length === 0 ? <Text className='cs__hint'>没有补充问题：居民只需描述问题、拍照。</Text> : null}
        {drafts.map((d, i) => (
          <View key={i} className='cs-cat__q'>
            <View className='cs-cat__q-head'>
              <Text className='cs-cat__q-title'>问题 {i + 1}</Text>
              <View className='cs-cat__q-tools'>
                {i > 0 ? <Text className='cs-cat__link' onClick={() => move(i, -1)}>上移</Text> : null}
                {i < drafts.length - 1 ? <Text className='cs-cat__link' onClick={() => move(i, 1)}>下移</Text> : null}
                <Text className='cs-cat__link' onClick={() => void remove(i)}>删除</Text>
              </View>
            </View>
            <Input className='cs__input' value={d.description} maxlength={50} placeholder='题目，例如 发生楼层' {...labelled(`问题 ${i + 1} 的题目`)} onInput={(e) => put(i, { description: e.detail.value })} />
            <View className='cs__chips cs-cat__types'>
              {TICKET_ATTRIBUTE_TYPES.map((t) => (
                <Text key={t} className={`cs__chip ${d.datatype === t ? 'cs__chip--on' : ''}`} onClick={() => put(i, { datatype: t })}>{TICKET_ATTRIBUTE_TYPE_LABELS[t]}</Text>
              ))}
            </View>
            {LIST_TYPES.includes(d.datatype) ? (
              <Textarea className='cs__input cs-cat__options' {...labelled(`问题 ${i + 1} 的选项`)} value={d.optionsText} maxlength={600} autoHeight placeholder='选项，每行一个（至少两个）' onInput={(e) => put(i, { optionsText: e.detail.value })} />
            ) : null}
            <View className='cs-cat__switch'>
              <Text className='cs__label'>{d.required ? '必填' : '选填'}</Text>
              <Switch checked={d.required} color='#c8102e' {...labelled(`问题 ${i + 1} 必填`)} onChange={(e) => put(i, { required: !!e.detail.value })} />
            </View>
            <View className='cs__row'>
              <Text className='cs__hint'>编码</Text>
              <Input className='cs__input cs__grow' value={d.code} maxlength={32} {...labelled(`问题 ${i + 1} 的编码`)} onInput={(e) => put(i, { code: e.detail.value })} />
            </View>
            {qError(i) ? <Text className='cs__error'>{qError(i)}</Text> : null}
          </View>
        ))}
        {errors.attributes ? <Text className='cs__error'>{errors.attributes}</Text> : null}
        {drafts.length < TICKET_MAX_ATTRIBUTES ? <Text className='cs__btn cs__btn--ghost cs__btn--small' onClick={add}>添加问题</Text> : null}
      </View>

      <View className='cs-cat__bar'>
        <Text className={`cs__btn ${saving.busy ? 'cs__btn--busy' : ''}`} onClick={() => void save()}>{saving.busy ? '保存中…' : id ? '保存' : '新建'}</Text>
      </View>
    </PageShell>
  )
}
