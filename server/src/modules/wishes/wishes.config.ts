/**
 * 微心愿 rules that a street office may tune, read from the environment once at boot and validated there.
 * (Kept in the module rather than the global AppConfig so the flow owns its knobs.)
 */
export class WishesConfig {
  /** 心愿预估价值上限, yuan */
  valueCap = 500;
  /** wishes a volunteer may hold at once (claimed + awaiting confirmation) */
  claimLimit = 3;
  claimHours = 7 * 24;
  reminderHours = 24;
  lapsesForPause = 2;
  lapseWindowDays = 90;
  pauseDays = 30;
  /** credited to the volunteer's ledger when a wish is confirmed */
  creditHours = 2;
  creditPoints = 10;

  static fromEnv(env: NodeJS.ProcessEnv = process.env): WishesConfig {
    const c = new WishesConfig();
    const read = (name: string, key: keyof WishesConfig, min: number, integer = true) => {
      const raw = env[name];
      if (raw === undefined || raw === '') return;
      const n = Number(raw);
      if (!Number.isFinite(n) || n < min || (integer && !Number.isInteger(n))) {
        throw new Error(`Invalid configuration: ${name} must be ${integer ? 'an integer' : 'a number'} ≥ ${min} (got "${raw}")`);
      }
      (c as any)[key] = n;
    };
    read('WISH_VALUE_CAP', 'valueCap', 1);
    read('WISH_CLAIM_LIMIT', 'claimLimit', 1);
    read('WISH_CLAIM_HOURS', 'claimHours', 1);
    read('WISH_REMINDER_HOURS', 'reminderHours', 0);
    read('WISH_LAPSES_FOR_PAUSE', 'lapsesForPause', 1);
    read('WISH_LAPSE_WINDOW_DAYS', 'lapseWindowDays', 1);
    read('WISH_PAUSE_DAYS', 'pauseDays', 0);
    read('WISH_CREDIT_HOURS', 'creditHours', 0, false);
    read('WISH_CREDIT_POINTS', 'creditPoints', 0);
    return c;
  }
}
