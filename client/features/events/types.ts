/** The events responses, from the one contract in @linli/domain (the server returns these types). */
export type {
  ActivityCard,
  ActivityCounts,
  ActivityCover,
  ActivityDetail,
  ActivityListItem,
  ActivityPage,
  AttendeePage,
  AttendeeView,
  CalendarLinks,
  CheckinResult,
  MyActivitiesPage,
  MyActivityItem,
  MyCheckinCode,
  ProxySignupPage,
  ProxySignupView,
  SignupView,
} from '@linli/domain'
