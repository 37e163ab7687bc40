import { useCallback } from 'react'
import { ACTIVE_CLAIM_STATUSES, type WishStatus } from '@linli/domain'
import { useRemote } from '../../../hooks/useRemote'
import { fetchMyClaims } from '../api/my-claims'
import type { MyClaims, WishDetail } from '../types'

const holdsSlot = (status: WishStatus) => ACTIVE_CLAIM_STATUSES.includes(status)

/**
 * 我的认领 after one move, from the wish the server returned: the row is replaced (proof sent) or leaves the list
 * (released — it is no longer the volunteer's), and the slot count follows.
 */
export function withMovedClaim(data: MyClaims, detail: WishDetail): MyClaims {
  const before = data.items.find((w) => w.id === detail.id)
  const claim = detail.claim
  const items = claim ? data.items.map((w) => (w.id === detail.id ? { ...detail, claim } : w)) : data.items.filter((w) => w.id !== detail.id)
  const delta = (before && holdsSlot(before.status) ? -1 : 0) + (claim && holdsSlot(detail.status) ? 1 : 0)
  return { items, status: { ...data.status, activeClaims: Math.max(0, data.status.activeClaims + delta) } }
}

/** 我的认领 through `useRemote`, plus `show(detail)` to apply a move's answer without reloading. */
export function useMyClaims() {
  const remote = useRemote(fetchMyClaims, [])
  const { data, setData } = remote
  const show = useCallback((detail: WishDetail) => {
    if (data) setData(withMovedClaim(data, detail))
  }, [data, setData])
  return { ...remote, show }
}
