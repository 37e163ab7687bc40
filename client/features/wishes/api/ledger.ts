import { apiUrl, get } from '../../../lib/request'
import { withQuery } from '../../../lib/routes'
import type { MyLedger } from '../types'

export const fetchMyLedger = (cursor: number | null) => get<MyLedger>(withQuery('/api/ledger/me', { cursor }))

/** 志愿服务记录 (XLSX) as a link a browser can open: the token rides in the query, as downloads cannot send headers. */
export const ledgerExportUrl = (token: string) => apiUrl('/api/ledger/export.xlsx', { token })
