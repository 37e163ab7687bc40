/**
 * Subscribe-message templates by purpose. Real template ids come from the mini-program admin console and
 * are set with WECHAT_TEMPLATES='{"ticket_progress":"…"}'; the demo ids below work against the fake server.
 * Each template's data keys follow the template's fields in the console (thing1, time2, phrase3 …).
 */
export const DEFAULT_TEMPLATES: Record<string, string> = {
  ticket_progress: 'demo-tpl-ticket-progress',
  wish_update: 'demo-tpl-wish-update',
  event_reminder: 'demo-tpl-event-reminder',
  event_waitlist: 'demo-tpl-event-waitlist',
};

export function loadTemplates(env: NodeJS.ProcessEnv = process.env): Record<string, string> {
  if (!env.WECHAT_TEMPLATES) return { ...DEFAULT_TEMPLATES };
  try {
    return { ...DEFAULT_TEMPLATES, ...JSON.parse(env.WECHAT_TEMPLATES) };
  } catch {
    throw new Error('WECHAT_TEMPLATES must be JSON: {"purpose":"templateId"}');
  }
}
