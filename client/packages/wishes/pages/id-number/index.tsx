import { useState } from 'react'
import { Input, Text, View } from '@tarojs/components'
import { idNumberProblem } from '@linli/domain'
import PageShell from '../../../../components/PageShell'
import StatusView from '../../../../components/StatusView'
import { useAction } from '../../../../hooks/useAction'
import { useRemote } from '../../../../hooks/useRemote'
import { fetchMyLedger, saveIdNumber } from '../../../../features/wishes/api/ledger'
import { ApiError } from '../../../../lib/errors'
import '../wishes.scss'
import './index.scss'

/**
 * 公民身份号码 for the 志愿服务记录 (民政部令第67号). Checked here with the server's own rule (birth date, check
 * character); the server keeps only the masked number, so what is shown afterwards is the mask.
 */
export default function IdNumberPage() {
  const current = useRemote(() => fetchMyLedger(null), [])
  const saving = useAction()
  const [value, setValue] = useState('')
  const [error, setError] = useState('')

  if (current.loading && !current.data) return <PageShell className='wish-page'><StatusView status='loading' /></PageShell>
  if (current.error || !current.data) return <PageShell className='wish-page'><StatusView status='error' message={current.errorText} onRetry={current.reload} /></PageShell>

  const submit = async () => {
    const problem = idNumberProblem(value)
    setError(problem ?? '')
    if (problem) return
    const saved = await saving.run(
      async () => {
        try {
          return await saveIdNumber(value.trim().toUpperCase())
        } catch (err) {
          if (err instanceof ApiError && err.fields.idNumber) setError(err.fields.idNumber[0])
          throw err
        }
      },
      { success: '已登记' },
    )
    if (saved) {
      setValue('')
      current.setData({ ...current.data!, idNumber: saved.idNumber })
    }
  }

  const stored = current.data.idNumber
  return (
    <PageShell className='wish-page id-number'>
      <View className='wish-block'>
        <Text className='wish-block__title'>志愿服务记录需要的身份信息</Text>
        <Text className='wish-block__text'>出具志愿服务证明时，需核对志愿者的公民身份号码（民政部令第67号）。</Text>
        <Text className='wish-block__text id-number__privacy'>为保护隐私，系统只保存打码后的号码（如 3205**********1234），完整号码不保存、不显示。</Text>
        <View className='id-number__current'>
          <Text className='wish-field__label'>当前登记</Text>
          <Text className='id-number__stored'>{stored ?? '未登记'}</Text>
        </View>
      </View>
      <View className='wish-block'>
        <View className='wish-field'>
          <Text className='wish-field__label'>{stored ? '重新登记身份证号' : '身份证号'}</Text>
          <Input className='id-number__input' type='idcard' maxlength={18} value={value} placeholder='18 位，最后一位可为 X' onInput={(e) => setValue(e.detail.value)} />
          {error ? <Text className='wish-field__error id-number__error'>{error}</Text> : null}
        </View>
        <Text className={`btn btn--primary id-number__submit ${saving.busy ? 'id-number__busy' : ''}`} onClick={saving.busy ? undefined : () => void submit()}>
          {saving.busy ? '保存中…' : '保存'}
        </Text>
      </View>
    </PageShell>
  )
}
