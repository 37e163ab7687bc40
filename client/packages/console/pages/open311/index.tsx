import { useState } from 'react'
import Taro from '@tarojs/taro'
import { Text, View } from '@tarojs/components'
import FormField from '../../../../components/FormField'
import PageShell from '../../../../components/PageShell'
import StatusView from '../../../../components/StatusView'
import { useAction } from '../../../../hooks/useAction'
import { useRemote } from '../../../../hooks/useRemote'
import { issueOpen311Key, listOpen311Keys, revokeOpen311Key } from '../../../../features/service/api/console'
import type { Open311KeyIssued } from '../../../../features/service/types'
import { ApiError } from '../../../../lib/errors'
import { formatDateTime } from '../../../../lib/time'
import '../../console.scss'
import '../category/category.scss'
import { confirm } from '../../../../lib/confirm'

/**
 * Open311 密钥: the api_keys outside systems (12345 热线, FixMyStreet-style apps) file with at /open311/v2. A new key
 * is shown once, here, right after it is issued; the list shows only its first characters. Revoking stops it at once.
 */
export default function Open311Console() {
  const keys = useRemote(listOpen311Keys, [])
  const [name, setName] = useState('')
  const [error, setError] = useState('')
  const [issued, setIssued] = useState<Open311KeyIssued | null>(null)
  const act = useAction()

  const issue = async () => {
    setError('')
    if (!name.trim()) {
      setError('请填写用途，例如“12345 热线对接”')
      return
    }
    const made = await act.run(async () => {
      try {
        return await issueOpen311Key(name.trim())
      } catch (err) {
        if (err instanceof ApiError && err.fields.name) setError(err.fields.name[0])
        throw err
      }
    }, { success: '已签发' })
    if (made) {
      setIssued(made)
      setName('')
      keys.setData([made, ...(keys.data ?? [])])
    }
  }

  const revoke = async (id: number, label: string) => {
    const confirmed = await confirm({ title: '吊销密钥', content: `吊销后“${label}”不能再提交诉求，已提交的不受影响。吊销不能撤回，确定吗？`, danger: true })
    if (!confirmed) return
    const r = await act.run(() => revokeOpen311Key(id), { success: '已吊销' })
    if (r) {
      keys.setData((keys.data ?? []).map((k) => (k.id === r.id ? r : k)))
      if (issued?.id === r.id) setIssued(null)
    }
  }

  return (
    <PageShell className='cs cs-o311'>
      {issued ? (
        <View className='cs__card cs-o311__issued'>
          <Text className='cs__heading'>新密钥：{issued.name}</Text>
          <Text className='cs__code cs-o311__key' selectable>{issued.apiKey}</Text>
          <Text className='cs__hint'>密钥只显示这一次，请现在交给对接方，离开本页后只能看到开头几位。请求地址：/open311/v2/requests.json，参数 api_key。</Text>
          <View className='cs__row'>
            <Text className='cs__btn cs__btn--small' onClick={() => void Taro.setClipboardData({ data: issued.apiKey })}>复制密钥</Text>
            <Text className='cs__btn cs__btn--ghost cs__btn--small' onClick={() => setIssued(null)}>我已保存，收起</Text>
          </View>
        </View>
      ) : null}

      <View className='cs__card'>
        <Text className='cs__heading'>签发密钥</Text>
        <FormField label='用途（对接方）' value={name} onInput={setName} error={error} placeholder='例如 12345 热线对接' maxlength={100} />
        <Text className={`cs__btn ${act.busy ? 'cs__btn--busy' : ''}`} onClick={() => void issue()}>签发新密钥</Text>
      </View>

      <Text className='cs__heading cs-o311__list-title'>已签发的密钥</Text>
      {keys.loading && !keys.data ? (
        <StatusView status='loading' rows={2} />
      ) : keys.error ? (
        <StatusView status='error' message={keys.errorText} onRetry={keys.reload} />
      ) : !keys.data?.length ? (
        <StatusView status='empty' title='还没有签发密钥' hint='外部系统要提交诉求时，在上面签发一个' />
      ) : (
        keys.data.map((k) => (
          <View key={k.id} className='cs__item'>
            <Text className='cs__item-title'>{k.name}</Text>
            <Text className='cs__item-meta'>{k.prefix} · {formatDateTime(k.createdAt)} 签发{k.revokedAt ? ` · ${formatDateTime(k.revokedAt)} 吊销` : ''}</Text>
            <View className='cs__row'>
              <Text className={`cs__tag ${k.active ? 'cs__tag--open' : 'cs__tag--off'}`}>{k.active ? '使用中' : '已吊销'}</Text>
              {k.active ? <Text className='cs__btn cs__btn--danger cs__btn--small' onClick={() => void revoke(k.id, k.name)}>吊销</Text> : null}
            </View>
          </View>
        ))
      )}
    </PageShell>
  )
}
