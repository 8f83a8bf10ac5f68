import { describe, expect, it } from 'vitest';
import { expandOccurrences, occurrenceAt, validateRecurrence } from '../../../server/dev/google-emulator/recurrence.ts';

const ms = (iso: string) => Date.parse(iso);
const starts = (series: Parameters<typeof expandOccurrences>[0], from: string, to: string) =>
  expandOccurrences(series, 'UTC', ms(from), ms(to)).map((o) => o.start.dateTime ?? o.start.date);

describe('expandOccurrences', () => {
  it.each([
    {
      name: 'weekly 09:00 New York keeps wall time over the November DST end',
      series: { start: { dateTime: '2026-10-26T09:00:00', timeZone: 'America/New_York' }, end: { dateTime: '2026-10-26T10:00:00', timeZone: 'America/New_York' }, recurrence: ['RRULE:FREQ=WEEKLY;COUNT=2'] },
      expected: ['2026-10-26T09:00:00-04:00', '2026-11-02T09:00:00-05:00'],
    },
    {
      name: 'daily 08:30 Berlin over the March DST start',
      series: { start: { dateTime: '2027-03-27T08:30:00', timeZone: 'Europe/Berlin' }, end: { dateTime: '2027-03-27T09:00:00', timeZone: 'Europe/Berlin' }, recurrence: ['RRULE:FREQ=DAILY;COUNT=3'] },
      expected: ['2027-03-27T08:30:00+01:00', '2027-03-28T08:30:00+02:00', '2027-03-29T08:30:00+02:00'],
    },
    {
      name: 'every other Wednesday',
      series: { start: { dateTime: '2027-01-06T10:00:00', timeZone: 'UTC' }, end: { dateTime: '2027-01-06T11:00:00', timeZone: 'UTC' }, recurrence: ['RRULE:FREQ=WEEKLY;INTERVAL=2;BYDAY=WE;COUNT=3'] },
      expected: ['2027-01-06T10:00:00Z', '2027-01-20T10:00:00Z', '2027-02-03T10:00:00Z'],
    },
    {
      name: 'first Monday of the month',
      series: { start: { dateTime: '2027-01-04T10:00:00', timeZone: 'UTC' }, end: { dateTime: '2027-01-04T11:00:00', timeZone: 'UTC' }, recurrence: ['RRULE:FREQ=MONTHLY;BYDAY=1MO;COUNT=3'] },
      expected: ['2027-01-04T10:00:00Z', '2027-02-01T10:00:00Z', '2027-03-01T10:00:00Z'],
    },
    {
      name: 'UNTIL in UTC is inclusive of an occurrence exactly at it',
      series: { start: { dateTime: '2027-01-01T10:00:00', timeZone: 'Europe/Berlin' }, end: { dateTime: '2027-01-01T11:00:00', timeZone: 'Europe/Berlin' }, recurrence: ['RRULE:FREQ=DAILY;UNTIL=20270102T090000Z'] },
      expected: ['2027-01-01T10:00:00+01:00', '2027-01-02T10:00:00+01:00'],
    },
    {
      name: 'EXDATE with TZID removes that occurrence',
      series: { start: { dateTime: '2027-01-01T10:00:00', timeZone: 'Europe/Berlin' }, end: { dateTime: '2027-01-01T11:00:00', timeZone: 'Europe/Berlin' }, recurrence: ['RRULE:FREQ=DAILY;COUNT=3', 'EXDATE;TZID=Europe/Berlin:20270102T100000'] },
      expected: ['2027-01-01T10:00:00+01:00', '2027-01-03T10:00:00+01:00'],
    },
    {
      name: 'all-day yearly',
      series: { start: { date: '2026-12-24' }, end: { date: '2026-12-25' }, recurrence: ['RRULE:FREQ=YEARLY;COUNT=2'] },
      expected: ['2026-12-24', '2027-12-24'],
    },
  ])('$name', ({ series, expected }) => {
    expect(starts(series, '2026-01-01T00:00:00Z', '2029-01-01T00:00:00Z').map((s) => s!.replace('+00:00', 'Z'))).toEqual(expected);
  });

  it('returns only occurrences overlapping the window, including one that started before it', () => {
    const series = { start: { dateTime: '2027-01-01T23:00:00', timeZone: 'UTC' }, end: { dateTime: '2027-01-02T01:00:00', timeZone: 'UTC' }, recurrence: ['RRULE:FREQ=DAILY'] };
    expect(starts(series, '2027-01-03T00:30:00Z', '2027-01-03T12:00:00Z')).toEqual(['2027-01-02T23:00:00Z']);
  });

  it('names instances as Google does: UTC basic format for timed, the date for all-day', () => {
    const timed = { start: { dateTime: '2027-06-01T09:00:00', timeZone: 'Asia/Tokyo' }, end: { dateTime: '2027-06-01T10:00:00', timeZone: 'Asia/Tokyo' }, recurrence: ['RRULE:FREQ=DAILY;COUNT=1'] };
    expect(expandOccurrences(timed, 'UTC', ms('2027-01-01T00:00:00Z'), ms('2028-01-01T00:00:00Z'))[0]!.idSuffix).toBe('20270601T000000Z');
    expect(occurrenceAt(timed, 'UTC', '20270601T000000Z')).toBeDefined();
    expect(occurrenceAt(timed, 'UTC', '20270602T000000Z')).toBeUndefined();
  });

  it.each([['RRULE:FREQ=NEVER'], ['RRULE:FREQ=DAILY;COUNT=2;UNTIL=20270101T000000Z'], ['VEVENT:nonsense'], ['EXDATE:notadate']])('rejects %s', (line) => {
    expect(() => validateRecurrence(line.startsWith('EXDATE') ? ['RRULE:FREQ=DAILY', line] : [line], { dateTime: '2027-01-01T10:00:00Z' }, 'UTC')).toThrow();
  });
});
