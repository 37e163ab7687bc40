import type { ActivityQuestion, ActivityStatus, ActivityType, Answers, Audience, SignupAction, SignupStatus } from '@linli/domain'

export interface MySignup {
  id: string
  activityId: number
  status: SignupStatus
  statusLabel: string
  waitlistPosition: number | null
  promoted: boolean
  answers: Answers | null
  checkedInAt: string | null
  checkedOutAt: string | null
  hours: number | null
  actions: SignupAction[]
}

export interface ActivityCard {
  id: number
  type: ActivityType
  typeLabel: string
  title: string
  cover: { url: string; thumbUrl: string } | null
  organiser: string
  communityId: number
  place: string
  startAt: string
  endAt: string
  signupStartAt: string
  signupEndAt: string
  cancelDeadline: string
  capacity: number
  confirmedCount: number
  waitlistCount: number
  remaining: number
  audience: Audience
  audienceLabel: string
  hours: number
  needsCheckout: boolean
  status: ActivityStatus
  signupOpen: boolean
  ended: boolean
  myStatus?: SignupStatus | null
  myStatusLabel?: string | null
}

export interface ActivityDetail extends ActivityCard {
  description: string
  questions: ActivityQuestion[]
  cancelReason: string | null
  canManage: boolean
  scene?: string | null
  mySignup: MySignup | null
}

export interface Page<T> {
  items: T[]
  nextCursor: string | null
}

export interface Counts {
  capacity: number
  remaining: number
  signedUp: number
  waitlisted: number
  checkedIn: number
  checkedOut: number
  noShow: number
}

export interface Attendee {
  id: string
  userId: number
  name: string
  phone: string | null
  status: SignupStatus
  statusLabel: string
  proxy: boolean
  checkedInAt: string | null
  hours: number | null
}

export interface CheckinResult {
  result: 'checked_in' | 'checked_out' | 'already'
  message: string
  name: string
  signup: MySignup
}
