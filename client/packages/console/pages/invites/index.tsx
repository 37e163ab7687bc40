import { useState } from 'react'
import Taro, { useRouter } from '@tarojs/taro'
import { Image, Text, View } from '@tarojs/components'
import { INVITE_DEFAULT_DAYS, INVITE_STATUS_LABELS, type InviteRole, type InviteStatus, type InviteView } from '@linli/domain'
import FormField from '../../../../components/FormField'
import ListFooter from '../../../../components/ListFooter'
import PageShell from '../../../../components/PageShell'
import StatusView from '../../../../components/StatusView'
import { useAction } from '../../../../hooks/useAction'
import { usePagedList } from '../../../../hooks/usePagedList'
import { useRemote } from '../../../../hooks/useRemote'
import { listBranches } from '../../../../features/people/api/branches'
import { createInvite, fetchInvite, listInvites, revokeInvite } from '../../../../features/people/api/invites'
import { fetchPlaceTree } from '../../../../features/places/api/place-tree'
import { ASK_ON, askSubscribe, primeTemplates } from '../../../../features/notifications/subscribe'
import { ApiError } from '../../../../lib/errors'
import { formatDateTime } from '../../../../lib/time'
import '../../console.scss'
import { confirm } from '../../../../lib/confirm'

type Kind = InviteRole | 'party'
const KINDS: Array<{ kind: Kind; label: string }> = [
  { kind: 'grid_worker', label: '网格员' },
  { kind: 'staff', label: '工作人员' },
  { kind: 'volunteer', label: '志愿者' },
  { kind: 'party', label: '党员志愿者' },
]
const DAYS = [1, 3, 7, 14, 30]
const FILTERS: Array<InviteStatus | undefined> = ['open', 'used', 'revoked', 'expired', undefined]

/**
 * 邀请: give someone a role. Staff invite within their communities (the admin anywhere): a grid worker for a grid,
 * a staff member for a community, a volunteer (a party member of a 支部, or not). The invite is a QR code and a short
 * code; it works once, expires, and can be revoked here.
 */
export default function InvitesConsole() {
  const params = useRouter().params ?? {}
  const tree = useRemote(fetchPlaceTree, [])
  const branches = useRemote(listBranches, [])
  const [kind, setKind] = useState<Kind>((params.role as Kind) || 'grid_worker')
  const [chosenGrid, setGridId] = useState<number | null>(params.gridId ? Number(params.gridId) : null)
  const [chosenCommunity, setCommunityId] = useState<number | null>(null)
  const [branchId, setBranchId] = useState<number | null>(null)
  const [note, setNote] = useState('')
  const [days, setDays] = useState(INVITE_DEFAULT_DAYS)
  const [errors, setErrors] = useState<Record<string, string>>({})
  const [shown, setShown] = useState<InviteView | null>(null)
  const [filter, setFilter] = useState<InviteStatus | undefined>('open')
  const saving = useAction()
  const list = usePagedList<InviteView, string>((cursor) => listInvites(filter, cursor), [filter])

  const communities = (tree.data ?? []).flatMap((s) => s.communities)
  const grids = communities.flatMap((c) => c.grids.map((g) => ({ ...g, label: `${c.name} · ${g.name}` })))
  const communityId = (communities.find((c) => c.id === chosenCommunity) ?? communities[0])?.id ?? null
  const gridId = (grids.find((g) => g.id === chosenGrid) ?? grids[0])?.id ?? null

  void primeTemplates()
  const submit = async () => {
    // First, before any await: WeChat asks only inside the tap whether to tell us when the invite is accepted.
    void askSubscribe(ASK_ON.invite)
    setErrors({})
    const role: InviteRole = kind === 'party' ? 'volunteer' : kind
    const body = {
      role,
      gridId: role === 'grid_worker' ? gridId ?? undefined : undefined,
      communityId: role !== 'grid_worker' ? communityId ?? undefined : undefined,
      isPartyMember: kind === 'party' ? true : undefined,
      branchId: kind === 'party' ? branchId ?? undefined : undefined,
      note: note.trim() || undefined,
      expiresInDays: days,
    }
    const made = await saving.run(async () => {
      try {
        return await createInvite(body)
      } catch (err) {
        if (err instanceof ApiError) setErrors(Object.fromEntries(Object.entries(err.fields).map(([k, v]) => [k, v[0]])))
        throw err
      }
    }, { success: '邀请已生成' })
    if (made) {
      setShown(made)
      setNote('')
      if (filter === 'open' || !filter) list.setItems((items) => [made, ...items])
      void Taro.pageScrollTo({ scrollTop: 0, duration: 200 })
    }
  }

  const show = async (i: InviteView) => {
    const full = await saving.run(() => fetchInvite(i.id))
    if (full) {
      setShown(full)
      void Taro.pageScrollTo({ scrollTop: 0, duration: 200 })
    }
  }
  const revoke = async (i: InviteView) => {
    const confirmed = await confirm({ title: '撤销邀请', content: `撤销后，邀请码 ${i.code} 将不能再使用。确定撤销吗？`, danger: true })
    if (!confirmed) return
    const r = await saving.run(() => revokeInvite(i.id), { success: '已撤销' })
    if (r) {
      list.setItems((items) => (filter === 'open' ? items.filter((x) => x.id !== r.id) : items.map((x) => (x.id === r.id ? r : x))))
      if (shown?.id === r.id) setShown(null)
    }
  }

  if (tree.loading && !tree.data) return <PageShell className='cs'><StatusView status='loading' /></PageShell>
  if (tree.error) return <PageShell className='cs'><StatusView status='error' message={tree.errorText} onRetry={tree.reload} /></PageShell>

  return (
    <PageShell className='cs cs-invites'>
      {shown ? (
        <View className='cs__card cs-invites__shown'>
          <Text className='cs__heading'>
            {shown.roleLabel} · {shown.target}
          </Text>
          {shown.qr ? <Image className='cs__qr cs-invites__qr' src={shown.qr} nativeProps={{ alt: '邀请二维码' }} mode='aspectFit' /> : null}
          <Text className='cs__code cs-invites__code'>{shown.code}</Text>
          <Text className='cs__hint'>
            请对方用微信扫这个二维码，或在邻里小程序「我的 → 输入邀请码」里输入上面的邀请码。只能使用一次，{formatDateTime(shown.expiresAt)} 前有效。
          </Text>
          <Text className='cs__btn cs__btn--ghost cs__btn--small' onClick={() => setShown(null)}>
            收起
          </Text>
        </View>
      ) : null}

      <View className='cs__card'>
        <Text className='cs__heading'>发出邀请</Text>
        <Text className='cs__label'>邀请成为</Text>
        <View className='cs__chips cs-invites__kinds'>
          {KINDS.map((k) => (
            <Text key={k.kind} className={`cs__chip ${kind === k.kind ? 'cs__chip--on' : ''}`} onClick={() => setKind(k.kind)}>
              {k.label}
            </Text>
          ))}
        </View>
        {errors.role ? <Text className='cs__error'>{errors.role}</Text> : null}

        {kind === 'grid_worker' ? (
          <View className='cs__field'>
            <Text className='cs__label'>负责的网格</Text>
            {grids.length ? (
              <View className='cs__chips cs-invites__grids'>
                {grids.map((g) => (
                  <Text key={g.id} className={`cs__chip ${gridId === g.id ? 'cs__chip--on' : ''}`} onClick={() => setGridId(g.id)}>
                    {g.label}
                  </Text>
                ))}
              </View>
            ) : (
              <Text className='cs__hint'>还没有网格，请先在「点位管理」里添加。</Text>
            )}
            {errors.gridId ? <Text className='cs__error'>{errors.gridId}</Text> : null}
          </View>
        ) : (
          <View className='cs__field'>
            <Text className='cs__label'>{kind === 'staff' ? '负责的社区' : '服务的社区'}</Text>
            <View className='cs__chips cs-invites__communities'>
              {communities.map((c) => (
                <Text key={c.id} className={`cs__chip ${communityId === c.id ? 'cs__chip--on' : ''}`} onClick={() => setCommunityId(c.id)}>
                  {c.name}
                </Text>
              ))}
            </View>
            {errors.communityId ? <Text className='cs__error'>{errors.communityId}</Text> : null}
          </View>
        )}

        {kind === 'party' ? (
          <View className='cs__field'>
            <Text className='cs__label'>所在党支部</Text>
            {(branches.data ?? []).length ? (
              <View className='cs__chips cs-invites__branches'>
                {(branches.data ?? []).map((b) => (
                  <Text key={b.id} className={`cs__chip ${branchId === b.id ? 'cs__chip--on' : ''}`} onClick={() => setBranchId(b.id)}>
                    {b.name}
                  </Text>
                ))}
              </View>
            ) : (
              <Text className='cs__hint'>还没有党支部名单，请管理员在「党支部」里添加。</Text>
            )}
            {errors.branchId ? <Text className='cs__error'>{errors.branchId}</Text> : null}
          </View>
        ) : null}

        <FormField label='邀请谁（选填，只给您自己看）' value={note} onInput={setNote} error={errors.note} placeholder='如：王芳' className='cs-invites__note' maxlength={50} />
        <Text className='cs__label'>有效期</Text>
        <View className='cs__chips'>
          {DAYS.map((d) => (
            <Text key={d} className={`cs__chip ${days === d ? 'cs__chip--on' : ''}`} onClick={() => setDays(d)}>
              {d} 天
            </Text>
          ))}
        </View>
        <Text className={`cs__btn cs-invites__create ${saving.busy ? 'cs__btn--busy' : ''}`} onClick={() => void submit()}>
          {saving.busy ? '正在生成…' : '生成邀请'}
        </Text>
      </View>

      <View className='cs__chips'>
        {FILTERS.map((f) => (
          <Text key={f ?? 'all'} className={`cs__chip ${filter === f ? 'cs__chip--on' : ''}`} onClick={() => setFilter(f)}>
            {f ? INVITE_STATUS_LABELS[f] : '全部'}
          </Text>
        ))}
      </View>
      <View className='cs-invites__list'>
        {list.loading && !list.items.length ? <StatusView status='loading' rows={2} /> : null}
        {list.error ? <StatusView status='error' message={list.errorText} onRetry={list.reload} /> : null}
        {list.empty ? <StatusView status='empty' title='没有这类邀请' hint='发出的邀请会列在这里' /> : null}
        {list.items.map((i) => (
          <View key={i.id} className='cs__item cs-invites__item'>
            <Text className='cs__item-title'>
              {i.roleLabel} · {i.target}
            </Text>
            <Text className='cs__item-meta'>
              邀请码 {i.code}
              {i.note ? ` · 给 ${i.note}` : ''} · {i.createdBy} 发出
            </Text>
            <Text className='cs__item-meta'>
              {i.status === 'used' ? `${i.usedBy ?? ''} 于 ${formatDateTime(i.usedAt!)} 接受` : `${formatDateTime(i.expiresAt)} 前有效`}
            </Text>
            <View className='cs__row'>
              <Text className={`cs__tag ${i.status === 'open' ? 'cs__tag--open' : i.status === 'used' ? 'cs__tag--done' : 'cs__tag--off'}`}>{i.statusLabel}</Text>
              {i.status === 'open' ? (
                <>
                  <Text className='cs__btn cs__btn--small cs__btn--ghost' onClick={() => void show(i)}>
                    二维码
                  </Text>
                  <Text className='cs__btn cs__btn--small cs__btn--danger cs-invites__revoke' onClick={() => void revoke(i)}>
                    撤销
                  </Text>
                </>
              ) : null}
            </View>
          </View>
        ))}
        <ListFooter list={list} />
      </View>
    </PageShell>
  )
}
