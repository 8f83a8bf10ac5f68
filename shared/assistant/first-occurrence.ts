import { daysInMonth, isoWeekdayAt, ZonedTime } from '../time/zoned-time.ts';
import * as rruleModule from 'rrule';

// rrule ships CommonJS for Node and ESM for bundlers; under Node's interop its exports sit on `default`.
const rrule = 'RRule' in rruleModule ? rruleModule : (rruleModule as unknown as { default: typeof rruleModule }).default;

/**
 * The first day on or after today that a rule ("every weekday", "first Monday
 * of January") produces, at the given time of day: the series' first event.
 * The rules the language packs write are counted out day by day here; rrule,
 * whose parse and search cost about a tenth of a millisecond, answers the rest
 * (and is the reference the fast path is tested against).
 */
export function firstOccurrence(rule: string, now: ZonedTime, hour: number, minute: number): ZonedTime | null {
  const day = firstDayOf(rule, now, hour, minute);
  if (day === undefined) return firstOccurrenceByRRule(rule, now, hour, minute);
  if (day === null) return null;
  return ZonedTime.fromWall({ year: day.year, month: day.month, day: day.day, hour, minute }, now.zone);
}

/** rrule's answer: the first occurrence at or after now of the rule started today at the time given, in floating time. */
export function firstOccurrenceByRRule(rule: string, now: ZonedTime, hour: number, minute: number): ZonedTime | null {
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

/** The shapes the packs write: a frequency, maybe every other week, a month, a day of the month, weekdays (with an ordinal). */
const PACK_RULE = /^RRULE:FREQ=(DAILY|WEEKLY|MONTHLY|YEARLY)(?:;INTERVAL=(2))?(?:;BYMONTH=(\d{1,2}))?(?:;BYMONTHDAY=(\d{1,2}))?(?:;BYDAY=((?:-1|[1-4])?(?:MO|TU|WE|TH|FR|SA|SU)(?:,(?:MO|TU|WE|TH|FR|SA|SU))*))?$/;
const WEEKDAYS = ['MO', 'TU', 'WE', 'TH', 'FR', 'SA', 'SU'];
/** Past this many days a search gives up and lets rrule decide (a 29 February every year can wait eight). */
const SEARCH_DAYS = 3000;
const DAY_MS = 86_400_000;

/**
 * The day of the rule's first occurrence as rrule counts it (dtstart today at the time, which is itself an
 * occurrence only if the rule produces it; every other week counted in weeks from Monday; a month without the
 * day skipped), null when there is none, undefined for a rule of another shape.
 */
function firstDayOf(rule: string, now: ZonedTime, hour: number, minute: number): { year: number; month: number; day: number } | null | undefined {
  const m = PACK_RULE.exec(rule);
  if (!m) return undefined;
  const [, freq, interval, byMonthText, byMonthDayText, byDayText] = m;
  const byMonth = byMonthText ? Number(byMonthText) : null;
  const byMonthDay = byMonthDayText ? Number(byMonthDayText) : null;
  // No such month or day of the month: no occurrence (rrule searched to the year 9999 for one, half a second).
  if ((byMonth !== null && (byMonth < 1 || byMonth > 12)) || (byMonthDay !== null && (byMonthDay < 1 || byMonthDay > 31))) return null;
  // Only these combinations are the packs'; any other mix is rrule's to interpret.
  if (interval && freq !== 'WEEKLY') return undefined;
  if (byMonth !== null && (freq !== 'YEARLY' || !byDayText || byMonthDay !== null)) return undefined;
  if (byMonthDay !== null && (freq !== 'MONTHLY' || byDayText)) return undefined;
  let nth = 0;
  let weekdays: number[] = [];
  if (byDayText) {
    const ordinal = /^(-1|[1-4])/.exec(byDayText);
    nth = ordinal ? Number(ordinal[1]) : 0;
    weekdays = byDayText.slice(ordinal ? ordinal[1]!.length : 0).split(',').map((d) => WEEKDAYS.indexOf(d) + 1);
    if (nth !== 0 && (weekdays.length !== 1 || freq === 'DAILY' || freq === 'WEEKLY')) return undefined;
    if (nth === 0 && freq !== 'WEEKLY') return undefined;
  }
  const startDay = Date.UTC(now.year, now.month - 1, now.day);
  const startWeekday = isoWeekdayAt(startDay);
  const mondayOfStart = startDay - (startWeekday - 1) * DAY_MS;
  const nowTime = now.hour * 60 + now.minute + (now.second > 0 ? 1 : 0) / 60;
  for (let i = 0; i < SEARCH_DAYS; i += 1) {
    const at = startDay + i * DAY_MS;
    // Today's occurrence counts only if its time is not yet past (seconds included, as rrule compares instants).
    if (i === 0 && hour * 60 + minute < nowTime) continue;
    const date = new Date(at);
    const year = date.getUTCFullYear();
    const month = date.getUTCMonth() + 1;
    const day = date.getUTCDate();
    const weekday = isoWeekdayAt(at);
    let produced: boolean;
    if (freq === 'DAILY') produced = true;
    else if (freq === 'WEEKLY') {
      produced = (weekdays.length ? weekdays : [startWeekday]).includes(weekday) && (!interval || Math.floor((at - mondayOfStart) / (7 * DAY_MS)) % 2 === 0);
    } else if (freq === 'MONTHLY') {
      produced = nth !== 0 ? weekday === weekdays[0] && isNth(nth, day, daysInMonth(year, month)) : day === (byMonthDay ?? now.day);
    } else {
      produced = byMonth !== null ? month === byMonth && weekday === weekdays[0] && isNth(nth, day, daysInMonth(year, month)) : month === now.month && day === now.day;
    }
    if (produced) return { year, month, day };
  }
  return undefined;
}

/** Whether a day is the nth of its weekday in its month (-1: the last). */
function isNth(nth: number, day: number, monthLength: number): boolean {
  return nth === -1 ? day + 7 > monthLength : Math.ceil(day / 7) === nth;
}
