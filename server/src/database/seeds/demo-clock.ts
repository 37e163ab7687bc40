import { shanghaiDate, shanghaiDayStart } from '@linli/domain';
import { Clock } from '../../common/clock';

export const MINUTE = 60_000;
export const HOUR = 60 * MINUTE;
export const DAY = 24 * HOUR;

/**
 * The demo's story is told relative to the moment of seeding: the app's Clock is moved to each instant before the
 * move made then, so every service stamps its rows as real use would have. `done()` puts the Clock back.
 */
export class DemoTime {
  /** The moment of seeding. */
  readonly base = Date.now();

  constructor(private readonly clock: Clock) {}

  /** Moves the Clock to this instant (ms since the epoch). */
  set(at: number) {
    this.clock.reset();
    this.clock.advance(at - Date.now());
  }

  /** `hours` before the moment of seeding. */
  ago(hours: number) {
    return this.base - hours * HOUR;
  }

  /** A wall-clock time in Beijing, `days` from the day of seeding: `beijing(2, '09:30')`. */
  beijing(days: number, hhmm: string) {
    const [h, m] = hhmm.split(':').map(Number);
    return shanghaiDayStart(shanghaiDate(this.base)).getTime() + days * DAY + h * HOUR + m * MINUTE;
  }

  /** A Beijing calendar date `days` from the day of seeding (YYYY-MM-DD). */
  date(days: number) {
    return shanghaiDate(this.base + days * DAY);
  }

  done() {
    this.clock.reset();
  }
}
