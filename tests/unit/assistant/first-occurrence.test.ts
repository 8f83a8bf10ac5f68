import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { firstOccurrence, firstOccurrenceByRRule } from '../../../shared/assistant/first-occurrence.ts';
import { parseCommand } from '../../../shared/assistant/parse-command.ts';
import { CachedZone } from '../../../shared/time/cached-zone.ts';
import { ZonedTime } from '../../../shared/time/zoned-time.ts';

/**
 * The series' first event is counted out day by day for the rules the language packs write; rrule is the reference.
 * A difference in any shape (every other week across a month, the last Friday, the 31st, 29 February) fails here.
 */
const days = ['MO', 'TU', 'WE', 'TH', 'FR', 'SA', 'SU'];
const day = fc.constantFrom(...days);
const nth = fc.constantFrom('1', '2', '3', '4', '-1');
const rule = fc.oneof(
  fc.constantFrom('RRULE:FREQ=DAILY', 'RRULE:FREQ=WEEKLY', 'RRULE:FREQ=MONTHLY', 'RRULE:FREQ=YEARLY', 'RRULE:FREQ=WEEKLY;INTERVAL=2', 'RRULE:FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR'),
  fc.uniqueArray(day, { minLength: 1, maxLength: 4 }).map((ds) => `RRULE:FREQ=WEEKLY;BYDAY=${ds.join(',')}`),
  day.map((d) => `RRULE:FREQ=WEEKLY;INTERVAL=2;BYDAY=${d}`),
  fc.tuple(nth, day).map(([n, d]) => `RRULE:FREQ=MONTHLY;BYDAY=${n}${d}`),
  fc.integer({ min: 1, max: 31 }).map((n) => `RRULE:FREQ=MONTHLY;BYMONTHDAY=${n}`),
  fc.tuple(fc.integer({ min: 1, max: 12 }), nth, day).map(([m, n, d]) => `RRULE:FREQ=YEARLY;BYMONTH=${m};BYDAY=${n}${d}`),
);
const zone = CachedZone.of('Europe/Berlin');
// Midnights and the last minutes of days, months and years are where an off-by-one would show.
const moment = fc.oneof(
  fc.integer({ min: Date.UTC(2023, 0, 1), max: Date.UTC(2031, 0, 1) }),
  fc.tuple(fc.integer({ min: 2023, max: 2030 }), fc.integer({ min: 0, max: 11 }), fc.constantFrom(1, 28, 29, 30, 31), fc.constantFrom(0, 23), fc.constantFrom(0, 59), fc.constantFrom(0, 30)).map(([y, mo, d, h, mi, s]) => Date.UTC(y, mo, d, h, mi, s) - 3_600_000),
);
const show = (t: ZonedTime | null) => t?.toISO() ?? null;

describe('firstOccurrence', () => {
  it('answers what rrule answers for every rule shape the packs write', () => {
    fc.assert(
      fc.property(rule, moment, fc.integer({ min: 0, max: 23 }), fc.integer({ min: 0, max: 59 }), (r, ts, hour, minute) => {
        const now = ZonedTime.at(ts, zone);
        expect(show(firstOccurrence(r, now, hour, minute))).toBe(show(firstOccurrenceByRRule(r, now, hour, minute)));
      }),
      { numRuns: 4000 },
    );
  });

  it('takes today when the time is still ahead, to the second', () => {
    const now = ZonedTime.fromWall({ year: 2026, month: 11, day: 25, hour: 9, minute: 30, second: 0 }, zone)!;
    expect(show(firstOccurrence('RRULE:FREQ=DAILY', now, 9, 30))).toBe('2026-11-25T09:30:00+01:00');
    const later = ZonedTime.fromWall({ year: 2026, month: 11, day: 25, hour: 9, minute: 30, second: 1 }, zone)!;
    expect(show(firstOccurrence('RRULE:FREQ=DAILY', later, 9, 30))).toBe('2026-11-26T09:30:00+01:00');
  });

  it('counts every other week from the week it starts in', () => {
    // Thursday 26 November: this week's Wednesday is past, next week's is the off week.
    const thursday = ZonedTime.fromWall({ year: 2026, month: 11, day: 26, hour: 8 }, zone)!;
    expect(show(firstOccurrence('RRULE:FREQ=WEEKLY;INTERVAL=2;BYDAY=WE', thursday, 10, 0))).toBe('2026-12-09T10:00:00+01:00');
  });

  it('writes no rule for a day no month has, and answers at once', () => {
    const intent = parseCommand('rent on the 45th of every month at 10am', { now: '2026-11-25T09:00:00Z', timeZone: 'UTC' });
    expect(intent.event?.recurrence).toEqual(['RRULE:FREQ=MONTHLY']);
    expect(firstOccurrence('RRULE:FREQ=MONTHLY;BYMONTHDAY=45', ZonedTime.at(Date.UTC(2026, 10, 25), zone), 10, 0)).toBeNull();
  });
});
