import { get, post } from '../../../lib/request'
import { withQuery } from '../../../lib/routes'
import type { BranchReport, Leaderboard, LedgerCorrection, LedgerIdNumber, MyLedger, VolunteerLedger, VolunteerPage } from '../types'

export const fetchMyLedger = (cursor: number | null) => get<MyLedger>(withQuery('/api/ledger/me', { cursor }))

/** 公民身份号码 for the 67号令 record; the server keeps (and answers with) only its mask. */
export const saveIdNumber = (idNumber: string) => post<LedgerIdNumber>('/api/ledger/me/id-number', { idNumber })

export const fetchLeaderboard = (communityId: number | null) => get<Leaderboard>(withQuery('/api/ledger/leaderboard', { communityId }))

/** 支部党员认领: staff (optionally one community) or a branch's secretary. */
export const fetchBranches = (communityId: number | null) => get<BranchReport>(withQuery('/api/ledger/branches', { communityId }))

export const fetchVolunteers = (q: string, cursor: number | null) => get<VolunteerPage>(withQuery('/api/ledger/volunteers', { q: q.trim() || null, cursor }))

export const fetchVolunteer = (userId: number | string, cursor: number | null) => get<VolunteerLedger>(withQuery(`/api/ledger/volunteers/${userId}`, { cursor }))

/** A correction is a new entry (hours may be negative), with the reason; one key per tap. */
export const correctEntry = (body: { entryId: number; hours: number; points?: number; reason: string }) =>
  post<LedgerCorrection>('/api/ledger/corrections', body, { idempotent: true })

/** The 志愿服务记录's path (mine, or a volunteer's for staff); `platform/export` downloads it with the header. */
export const ledgerExportPath = (userId?: number) => withQuery('/api/ledger/export.xlsx', { userId })
