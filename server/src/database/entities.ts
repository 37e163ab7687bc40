import { AuditLog } from '../modules/audit/audit-log.entity';
import { Activity, ActivitySignup } from '../modules/events/activity.entities';
import { RefreshToken } from '../modules/auth/refresh-token.entity';
import { IdempotencyKey } from '../modules/idempotency/idempotency-key.entity';
import { LedgerEntry } from '../modules/ledger/ledger-entry.entity';
import { ContentHold } from '../modules/moderation/content-hold.entity';
import { JobLease } from '../modules/jobs/job-lease.entity';
import { Notification, SubscriptionGrant } from '../modules/notifications/notification.entities';
import { Branch, Invite, VolunteerApplication } from '../modules/people/people.entities';
import { Community, Grid, Point, Street } from '../modules/places/place.entities';
import { Open311Key, ServiceCategory, Ticket, TicketDayCounter, TicketEvent, TicketFollower } from '../modules/service-requests/service-request.entities';
import { TicketRollup } from '../modules/service-requests/ticket-rollups';
import { TicketStatusCount } from '../modules/service-requests/ticket-status-counts';
import { Upload } from '../modules/uploads/upload.entity';
import { WISH_ENTITIES } from '../modules/wishes/wish.entities';
import { StaffCommunity, User } from '../modules/users/user.entity';

/** Every entity, registered once. Feature modules append theirs here. */
export const ENTITIES = [
  User,
  StaffCommunity,
  Street,
  Community,
  Grid,
  Point,
  AuditLog,
  Notification,
  SubscriptionGrant,
  Upload,
  JobLease,
  IdempotencyKey,
  RefreshToken,
  LedgerEntry,
  ...WISH_ENTITIES,
  ServiceCategory, Ticket, TicketEvent, TicketFollower, TicketDayCounter, TicketStatusCount, TicketRollup, Open311Key,
  Activity, ActivitySignup,
  Branch, Invite, VolunteerApplication,
  ContentHold,
];
