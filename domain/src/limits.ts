/**
 * The longest text each form field takes, in characters, as the server's DTOs check it (@Length / @MaxLength use
 * these constants) and as the client's inputs cut and count it (maxlength, FormField's live counter). One number,
 * so an input never accepts what the server then refuses.
 */
import { TICKET_MAX_DESCRIPTION } from './service-requests';
import { WISH_STORY_MAX, WISH_TITLE_MAX } from './wishes';

export const LIMITS = {
  ticket: {
    description: TICKET_MAX_DESCRIPTION,
    contactName: 50,
    /** 说明 / 理由 / 办结情况 of an action */
    note: 1000,
    comment: 500,
    reassignNote: 200,
    search: 50,
  },
  wish: {
    title: WISH_TITLE_MAX,
    story: WISH_STORY_MAX,
    beneficiaryName: 50,
    beneficiaryBuilding: 100,
    situation: 500,
    /** 驳回 / 退回 / 撤回 reasons and the 圆梦说明 */
    note: 300,
  },
  event: {
    title: 100,
    description: 5000,
    organiser: 100,
    place: 200,
    questionTitle: 100,
    option: 50,
    cancelReason: 200,
    attendeeName: 50,
  },
  profile: {
    name: 20,
    building: 50,
  },
} as const;

/** The same text measured the way a person counts it: an emoji or a rare character is one, not two UTF-16 units. */
export function textLength(text: string): number {
  return Array.from(text).length;
}
