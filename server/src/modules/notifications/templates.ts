/**
 * Subscribe-message templates by purpose. Real template ids come from the mini-program admin console and are set
 * with WECHAT_TEMPLATES='{"ticket_progress":"…"}' (validated at boot, read as `config.wechat.templates`); the demo
 * ids below work against the fake server. Each template's data keys follow the template's fields in the console
 * (thing1, time2, phrase3 …).
 */
export const DEFAULT_TEMPLATES = {
  ticket_progress: 'demo-tpl-ticket-progress',
  wish_update: 'demo-tpl-wish-update',
  event_reminder: 'demo-tpl-event-reminder',
  event_waitlist: 'demo-tpl-event-waitlist',
} as const;

export type TemplatePurpose = keyof typeof DEFAULT_TEMPLATES;
