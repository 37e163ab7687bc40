import { useState } from 'react'
import Taro from '@tarojs/taro'
import { Text, View } from '@tarojs/components'
import type { BranchView, PersonView } from '@linli/domain'
import FormField from '../../../../components/FormField'
import PageShell from '../../../../components/PageShell'
import StatusView from '../../../../components/StatusView'
import { useAction } from '../../../../hooks/useAction'
import { useRemote } from '../../../../hooks/useRemote'
import { createBranch, listBranches, updateBranch } from '../../../../features/people/api/branches'
import { listPeople } from '../../../../features/people/api/people'
import { fetchPlaceTree } from '../../../../features/places/api/place-tree'
import { ApiError } from '../../../../lib/errors'
import '../../console.scss'
import { confirm } from '../../../../lib/confirm'

/** 党支部 (admin): the list party members choose from; a rename follows its members. */
export default function BranchesConsole() {
  const branches = useRemote(listBranches, [])
  const tree = useRemote(fetchPlaceTree, [])
  const [name, setName] = useState('')
  const [communityId, setCommunityId] = useState<number | null>(null)
  const [error, setError] = useState('')
  const action = useAction()
  const communities = (tree.data ?? []).flatMap((s) => s.communities)
  // 指定书记: the branch whose members are shown, and those members (party members of that branch).
  const [picking, setPicking] = useState<number | null>(null)
  const [members, setMembers] = useState<PersonView[] | null>(null)
  const pick = async (b: BranchView) => {
    if (picking === b.id) {
      setPicking(null)
      return
    }
    setPicking(b.id)
    setMembers(null)
    const page = await action.run(() => listPeople('volunteer', '', null, b.id))
    setMembers(page?.items ?? [])
  }
  const appoint = async (b: BranchView, p: PersonView) => {
    const confirmed = await confirm({ title: '指定支部书记', content: `指定 ${p.name} 为「${b.name}」的书记？书记可以查看本支部党员的认领和志愿时长。` })
    if (!confirmed) return
    const saved = await action.run(() => updateBranch(b.id, { name: b.name, communityId: b.communityId, secretaryId: p.id }), { success: '已指定书记' })
    if (saved) {
      branches.setData((branches.data ?? []).map((x) => (x.id === saved.id ? saved : x)))
      setPicking(null)
    }
  }

  const add = async () => {
    setError('')
    const made = await action.run(async () => {
      try {
        return await createBranch({ name: name.trim(), communityId })
      } catch (err) {
        if (err instanceof ApiError) setError(Object.values(err.fields)[0]?.[0] ?? err.message)
        throw err
      }
    }, { success: '已添加' })
    if (made) {
      setName('')
      branches.setData([...(branches.data ?? []), made])
    }
  }
  const rename = async (b: BranchView) => {
    const r = await Taro.showModal({ title: '修改支部名称', content: b.name, editable: true, placeholderText: '新的支部名称' } as Taro.showModal.Option)
    const next = (r as unknown as { content?: string }).content?.trim()
    if (!r.confirm || !next || next === b.name) return
    const saved = await action.run(() => updateBranch(b.id, { name: next, communityId: b.communityId, secretaryId: b.secretary?.id ?? null }), { success: '已修改，党员的支部一并更新' })
    if (saved) branches.setData((branches.data ?? []).map((x) => (x.id === saved.id ? saved : x)))
  }

  let list: JSX.Element
  if (branches.loading && !branches.data) list = <StatusView status='loading' rows={2} />
  else if (branches.error) list = <StatusView status='error' message={branches.errorText} onRetry={branches.reload} />
  else if (!branches.data?.length) list = <StatusView status='empty' title='还没有党支部' hint='添加后，党员志愿者的邀请和申请可以选择支部' />
  else {
    list = (
      <View>
        {branches.data.map((b) => (
          <View key={b.id} className='cs__item cs-branches__item'>
            <Text className='cs__item-title'>{b.name}</Text>
            <Text className='cs__item-meta'>
              {b.communityName ?? '街道直属'} · 党员 {b.members} 人 · 书记：{b.secretary?.name ?? '未指定'}
            </Text>
            <View className='cs__row'>
              <Text className='cs__btn cs__btn--small cs__btn--ghost' onClick={() => void rename(b)}>改名</Text>
              <Text className='cs__btn cs__btn--small cs__btn--ghost cs-branches__pick' onClick={() => void pick(b)}>{picking === b.id ? '收起' : '指定书记'}</Text>
            </View>
            {picking === b.id ? (
              <View className='cs-branches__members'>
                {members === null ? <Text className='cs__hint'>加载中…</Text> : null}
                {members?.length === 0 ? <Text className='cs__hint'>这个支部还没有登记的党员志愿者。党员通过邀请或申请登记后出现在这里。</Text> : null}
                {members?.map((p) => (
                  <View key={p.id} className='cs__row cs-branches__member'>
                    <Text className='cs__grow'>{p.name}{p.phone ? ` · ${p.phone}` : ''}</Text>
                    {b.secretary?.id === p.id ? <Text className='cs__tag cs__tag--done'>书记</Text> : <Text className='cs__btn cs__btn--small' onClick={() => void appoint(b, p)}>设为书记</Text>}
                  </View>
                ))}
              </View>
            ) : null}
          </View>
        ))}
      </View>
    )
  }

  return (
    <PageShell className='cs cs-branches'>
      <View className='cs__card'>
        <Text className='cs__heading'>添加党支部</Text>
        <FormField label='支部名称' value={name} onInput={setName} error={error} placeholder='如：漕湖花苑社区第一党支部' className='cs-branches__name' maxlength={100} />
        <Text className='cs__label'>所属社区（不选为街道直属）</Text>
        <View className='cs__chips'>
          <Text className={`cs__chip ${communityId === null ? 'cs__chip--on' : ''}`} onClick={() => setCommunityId(null)}>街道直属</Text>
          {communities.map((c) => (
            <Text key={c.id} className={`cs__chip ${communityId === c.id ? 'cs__chip--on' : ''}`} onClick={() => setCommunityId(c.id)}>{c.name}</Text>
          ))}
        </View>
        <Text className='cs__btn cs-branches__save' onClick={() => void add()}>添加</Text>
      </View>
      {list}
    </PageShell>
  )
}
