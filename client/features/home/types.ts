/** The 首页's response shapes come from @linli/domain (the server returns the same types), never re-typed here. */
export type {
  HomeSummary,
  ResidentHome,
  VolunteerHome,
  GridWorkerHome,
  StaffHome,
  HomeMatter,
  HomeSignup,
  HomeClaim,
  HomeActivity,
  HomeList,
} from '@linli/domain'
