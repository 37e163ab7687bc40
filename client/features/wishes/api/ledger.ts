import { get } from '../../../lib/request'
import { withQuery } from '../../../lib/routes'
import type { MyLedger } from '../types'

export const fetchMyLedger = (cursor: number | null) => get<MyLedger>(withQuery('/api/ledger/me', { cursor }))
