import { ZonedTime } from '../time/zoned-time.ts';
import * as rruleModule from 'rrule';

// rrule ships CommonJS for Node and ESM for bundlers; under Node's interop its exports sit on `default`.
const rrule = 'RRule' in rruleModule ? rruleModule : (rruleModule as unknown as { default: typeof rruleModule }).default;

/**
 * The first day on or after today that a rule ("every weekday", "first Monday
 * of January") produces, at the given time of day: the series' first event.
 */
export function firstOccurrence(rule: string, now: ZonedTime, hour: number, minute: number): ZonedTime | null {
  try {
    const options = rrule.RRule.parseString(rule.replace(/^RRULE:/, ''));
    const floatingNow = new Date(Date.UTC(now.year, now.month - 1, now.day, now.hour, now.minute, now.second));
    const r = new rrule.RRule({ ...options, dtstart: new Date(Date.UTC(now.year, now.month - 1, now.day, hour, minute)) });
    // Occurrences earlier today than now are past: the series starts with the next one.
    const next = r.after(floatingNow, true);
    if (!next) return null;
    return ZonedTime.fromWall({ year: next.getUTCFullYear(), month: next.getUTCMonth() + 1, day: next.getUTCDate(), hour, minute }, now.zone);
  } catch {
    return null;
  }
}
