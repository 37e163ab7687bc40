import { useState } from 'react'
import { useRouter } from '@tarojs/taro'
import { Input, Text, Textarea, View } from '@tarojs/components'
import ListFooter from '../../../../components/ListFooter'
import PageShell from '../../../../components/PageShell'
import StatusView from '../../../../components/StatusView'
import { useAction } from '../../../../hooks/useAction'
import { usePagedList } from '../../../../hooks/usePagedList'
import { correctEntry, fetchVolunteer, ledgerExportPath } from '../../../../features/wishes/api/ledger'
import LedgerEntryCard from '../../../../features/wishes/components/LedgerEntryCard'
import { downloadFile } from '../../../../lib/download'
import type { LedgerEntryView, VolunteerLedger } from '../../../../features/wishes/types'
import { ApiError } from '../../../../lib/errors'
import '../wishes.scss'
import './index.scss'
import { confirm } from '../../../../lib/confirm'

const HOURS = /^-?\d+(\.\d{1,2})?$/

/**
 * One volunteer's 志愿服务记录, for staff of their community (and admin): totals, every entry, 更正 with a reason (a
 * new entry; the ledger is never edited) and the Excel download. A 支部书记 reads it without those.
 */
export default function VolunteerPage() {
  const { params } = useRouter()
  const id = params?.id ?? ''
  const list = usePagedList<LedgerEntryView, number, VolunteerLedger>((cursor) => fetchVolunteer(id, cursor), [id], { enabled: !!id })
  const exporting = useAction()
  const correcting = useAction()
  const [open, setOpen] = useState<number | null>(null)
  const [hours, setHours] = useState('')
  const [reason, setReason] = useState('')
  const [errors, setErrors] = useState<Record<string, string>>({})

  const first = list.first
  if (!id) return <PageShell className='wish-page'><StatusView status='error' message='志愿者编号无效' /></PageShell>
  if (list.loading && !first) return <PageShell className='wish-page'><StatusView status='loading' /></PageShell>
  if (list.error || !first) return <PageShell className='wish-page'><StatusView status='error' message={list.errorText} onRetry={list.reload} /></PageShell>
  const v = first.volunteer

  const startCorrecting = (entryId: number) => {
    setOpen(entryId)
    setHours('')
    setReason('')
    setErrors({})
  }
  const submit = async (e: LedgerEntryView) => {
    const errs: Record<string, string> = {}
    if (!HOURS.test(hours.trim()) || Number(hours) === 0) errs.hours = '请填写要增减的小时数，如 -1.5 或 0.5'
    if (reason.trim().length < 2) errs.reason = '请写明更正原因（2–200 字）'
    setErrors(errs)
    if (Object.keys(errs).length) return
    const h = Number(hours)
    const confirmed = await confirm({
      title: '确认更正',
      content: `为「${e.content}」${h > 0 ? '增加' : '减少'} ${Math.abs(h)} 小时。更正会作为新记录保存，不能删除。`,
    })
    if (!confirmed) return
    const done = await correcting.run(
      async () => {
        try {
          return await correctEntry({ entryId: e.id, hours: h, reason: reason.trim() })
        } catch (err) {
          if (err instanceof ApiError) setErrors(Object.fromEntries(Object.entries(err.fields).map(([k, m]) => [k, m[0]])))
          throw err
        }
      },
      { success: (r) => `已更正，合计 ${r.totals.hours} 小时` },
    )
    if (done) {
      setOpen(null)
      await list.reload()
    }
  }
  const download = () => void exporting.run(() => downloadFile(ledgerExportPath(v.userId), {}, `volunteer-record-${v.userId}.xlsx`), { success: '已导出志愿服务记录' })

  return (
    <PageShell className='wish-page volunteer'>
      <View className='wish-block'>
        <Text className='wish-block__title volunteer__name'>{v.name}</Text>
        <Text className='wish-block__hint'>{[v.communityName, v.isPartyMember ? `党员${v.branch ? ` · ${v.branch}` : ''}` : null, v.phone].filter(Boolean).join(' · ')}</Text>
        <Text className='wish-block__hint'>公民身份号码：{v.idNumber ?? '未登记'}</Text>
      </View>
      <View className='wish-totals'>
        <View className='wish-totals__item'>
          <Text className='wish-totals__num volunteer__hours'>{first.totals.hours}</Text>
          <Text>志愿时长（小时）</Text>
        </View>
        <View className='wish-totals__item'>
          <Text className='wish-totals__num'>{first.totals.points}</Text>
          <Text>积分</Text>
        </View>
      </View>
      {first.canExport ? (
        <View className='volunteer__actions'>
          <Text className={`btn btn--ghost volunteer__export ${exporting.busy ? 'volunteer__busy' : ''}`} onClick={exporting.busy ? undefined : download}>
            {exporting.busy ? '正在导出…' : '下载志愿服务记录（Excel）'}
          </Text>
        </View>
      ) : null}
      {list.empty ? <StatusView status='empty' title='还没有志愿记录' /> : null}
      {list.items.map((e) => (
        <LedgerEntryCard key={e.id} e={e}>
          {first.canCorrect && e.source !== 'correction' && open !== e.id ? (
            <Text className='volunteer__correct' onClick={() => startCorrecting(e.id)}>更正这条记录</Text>
          ) : null}
          {open === e.id ? (
            <View className='volunteer__form'>
              <View className='wish-field'>
                <Text className='wish-field__label'>增减小时数（减少填负数）</Text>
                <Input className='volunteer__input volunteer__hours-input' type='text' value={hours} maxlength={8} placeholder='例如 -1 或 0.5' onInput={(x) => setHours(x.detail.value)} />
                {errors.hours ? <Text className='wish-field__error'>{errors.hours}</Text> : null}
              </View>
              <View className='wish-field'>
                <Text className='wish-field__label'>更正原因</Text>
                <Textarea className='volunteer__input volunteer__reason' value={reason} maxlength={200} autoHeight placeholder='例如：实际服务 1 小时，签退时漏扫' onInput={(x) => setReason(x.detail.value)} />
                {errors.reason || errors.entryId ? <Text className='wish-field__error'>{errors.reason ?? errors.entryId}</Text> : null}
              </View>
              <View className='wish-block__actions'>
                <Text className={`btn btn--primary volunteer__submit ${correcting.busy ? 'volunteer__busy' : ''}`} onClick={correcting.busy ? undefined : () => void submit(e)}>
                  {correcting.busy ? '提交中…' : '提交更正'}
                </Text>
                <Text className='btn btn--plain volunteer__cancel' onClick={() => setOpen(null)}>取消</Text>
              </View>
            </View>
          ) : null}
        </LedgerEntryCard>
      ))}
      {list.items.length ? <ListFooter list={list} /> : null}
    </PageShell>
  )
}
