import fc from 'fast-check';
import { DateTime } from 'luxon';
import { describe, expect, it } from 'vitest';
import {
  AvailabilityInputError,
  candidateSlots,
  freeSlots,
  mergeIntervals,
  workingWindows,
  type FreeSlotsInput,
  type Interval,
  type WorkingHours,
} from '../../../shared/availability/free-slots.ts';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
const WEEKDAYS = [1, 2, 3, 4, 5];
const EVERY_DAY = [1, 2, 3, 4, 5, 6, 7];
const OFFICE: WorkingHours = { start: '09:00', end: '17:00', days: WEEKDAYS };

const ms = (iso: string) => {
  const t = Date.parse(iso);
  if (Number.isNaN(t)) throw new Error(`bad ISO in test: ${iso}`);
  return t;
};
const span = (start: string, end: string): Interval => ({ start: ms(start), end: ms(end) });
/** Intervals as local ISO pairs, so expectations show the UTC offset in force (and thus the DST side). */
const local = (intervals: Interval[], zone: string) =>
  intervals.map((i) => [i.start, i.end].map((t) => DateTime.fromMillis(t, { zone }).toISO({ suppressMilliseconds: true })));

describe('mergeIntervals', () => {
  it.each([
    { name: 'sorts unsorted intervals', input: [span('2027-01-01T12:00Z', '2027-01-01T13:00Z'), span('2027-01-01T09:00Z', '2027-01-01T10:00Z')], expected: [['09:00', '10:00'], ['12:00', '13:00']] },
    { name: 'merges overlapping intervals', input: [span('2027-01-01T09:00Z', '2027-01-01T11:00Z'), span('2027-01-01T10:00Z', '2027-01-01T12:00Z')], expected: [['09:00', '12:00']] },
    { name: 'merges touching intervals', input: [span('2027-01-01T09:00Z', '2027-01-01T10:00Z'), span('2027-01-01T10:00Z', '2027-01-01T11:00Z')], expected: [['09:00', '11:00']] },
    { name: 'absorbs a contained interval', input: [span('2027-01-01T09:00Z', '2027-01-01T17:00Z'), span('2027-01-01T10:00Z', '2027-01-01T11:00Z')], expected: [['09:00', '17:00']] },
    { name: 'drops empty and inverted intervals', input: [span('2027-01-01T09:00Z', '2027-01-01T09:00Z'), span('2027-01-01T11:00Z', '2027-01-01T10:00Z')], expected: [] },
    { name: 'drops an empty interval that would otherwise bridge two others', input: [span('2027-01-01T09:00Z', '2027-01-01T10:00Z'), span('2027-01-01T10:30Z', '2027-01-01T10:30Z'), span('2027-01-01T11:00Z', '2027-01-01T12:00Z')], expected: [['09:00', '10:00'], ['11:00', '12:00']] },
  ])('$name', ({ input, expected }) => {
    const hhmm = (t: number) => new Date(t).toISOString().slice(11, 16);
    expect(mergeIntervals(input).map((i) => [hhmm(i.start), hhmm(i.end)])).toEqual(expected);
  });

  it('leaves its input untouched', () => {
    const input = [span('2027-01-01T10:00Z', '2027-01-01T12:00Z'), span('2027-01-01T09:00Z', '2027-01-01T11:00Z')];
    const copy = structuredClone(input);
    mergeIntervals(input);
    expect(input).toEqual(copy);
  });
});

describe('workingWindows', () => {
  it.each([
    {
      name: 'Berlin office hours keep wall time across the 2027-03-28 DST start (Fri +01:00, Mon +02:00)',
      zone: 'Europe/Berlin', from: '2027-03-26T00:00+01:00', to: '2027-03-30T00:00+02:00', hours: OFFICE,
      expected: [['2027-03-26T09:00:00+01:00', '2027-03-26T17:00:00+01:00'], ['2027-03-29T09:00:00+02:00', '2027-03-29T17:00:00+02:00']],
    },
    {
      name: 'Berlin on the DST-start Sunday itself is still 09:00-17:00',
      zone: 'Europe/Berlin', from: '2027-03-28T00:00+01:00', to: '2027-03-29T00:00+02:00', hours: { ...OFFICE, days: EVERY_DAY },
      expected: [['2027-03-28T09:00:00+02:00', '2027-03-28T17:00:00+02:00']],
    },
    {
      name: 'Berlin across the 2026-10-25 DST end',
      zone: 'Europe/Berlin', from: '2026-10-24T00:00+02:00', to: '2026-10-26T00:00+01:00', hours: { ...OFFICE, days: EVERY_DAY },
      expected: [['2026-10-24T09:00:00+02:00', '2026-10-24T17:00:00+02:00'], ['2026-10-25T09:00:00+01:00', '2026-10-25T17:00:00+01:00']],
    },
    {
      name: 'New York across the 2026-11-01 DST end',
      zone: 'America/New_York', from: '2026-10-31T00:00-04:00', to: '2026-11-03T00:00-05:00', hours: { ...OFFICE, days: EVERY_DAY },
      expected: [
        ['2026-10-31T09:00:00-04:00', '2026-10-31T17:00:00-04:00'],
        ['2026-11-01T09:00:00-05:00', '2026-11-01T17:00:00-05:00'],
        ['2026-11-02T09:00:00-05:00', '2026-11-02T17:00:00-05:00'],
      ],
    },
    {
      name: 'a start inside the spring-forward gap moves forward by the gap (02:30 becomes 03:30)',
      zone: 'Europe/Berlin', from: '2027-03-28T00:00+01:00', to: '2027-03-29T00:00+02:00', hours: { start: '02:30', end: '04:00', days: [7] },
      expected: [['2027-03-28T03:30:00+02:00', '2027-03-28T04:00:00+02:00']],
    },
    {
      name: 'a night shift crosses midnight and the DST end (9 hours that night)',
      zone: 'Europe/Berlin', from: '2026-10-23T00:00+02:00', to: '2026-10-27T00:00+01:00', hours: { start: '22:00', end: '06:00', days: [6] },
      expected: [['2026-10-24T22:00:00+02:00', '2026-10-25T06:00:00+01:00']],
    },
    {
      name: 'a night shift that began the evening before is clipped to the window',
      zone: 'UTC', from: '2027-01-05T02:00Z', to: '2027-01-05T23:00Z', hours: { start: '22:00', end: '06:00', days: WEEKDAYS },
      expected: [['2027-01-05T02:00:00Z', '2027-01-05T06:00:00Z'], ['2027-01-05T22:00:00Z', '2027-01-05T23:00:00Z']],
    },
    {
      name: 'a shift belongs to the day it starts on (Sunday night runs into Monday)',
      zone: 'UTC', from: '2027-01-04T00:00Z', to: '2027-01-05T00:00Z', hours: { start: '22:00', end: '06:00', days: [7] },
      expected: [['2027-01-04T00:00:00Z', '2027-01-04T06:00:00Z']],
    },
    {
      name: "'24:00' ends at the next midnight",
      zone: 'Asia/Kolkata', from: '2027-01-04T00:00+05:30', to: '2027-01-05T12:00+05:30', hours: { start: '18:00', end: '24:00', days: [1] },
      expected: [['2027-01-04T18:00:00+05:30', '2027-01-05T00:00:00+05:30']],
    },
    {
      name: 'round-the-clock hours merge into one window across the DST start',
      zone: 'Europe/Berlin', from: '2027-03-26T12:00+01:00', to: '2027-03-29T12:00+02:00', hours: { start: '00:00', end: '00:00', days: EVERY_DAY },
      expected: [['2027-03-26T12:00:00+01:00', '2027-03-29T12:00:00+02:00']],
    },
    {
      name: 'no working hours means the whole window',
      zone: 'Pacific/Chatham', from: '2027-01-01T10:00Z', to: '2027-01-03T10:00Z', hours: undefined,
      expected: [['2027-01-01T23:45:00+13:45', '2027-01-03T23:45:00+13:45']],
    },
    {
      name: 'no working days means no windows',
      zone: 'UTC', from: '2027-01-01T00:00Z', to: '2027-01-08T00:00Z', hours: { ...OFFICE, days: [] },
      expected: [],
    },
  ])('$name', ({ zone, from, to, hours, expected }) => {
    expect(local(workingWindows(ms(from), ms(to), zone, hours), zone)).toEqual(expected);
  });

  it.each([
    ['Europe/Berlin', '2027-03-28'],
    ['Europe/Berlin', '2026-10-25'],
    ['America/New_York', '2026-11-01'],
    ['Australia/Lord_Howe', '2026-10-04'],
  ])('a 09:00-17:00 day lasts exactly 8 hours on the %s DST change day %s', (zone, date) => {
    const day = DateTime.fromISO(date, { zone });
    const [window] = workingWindows(day.toMillis(), day.plus({ days: 1 }).toMillis(), zone, { ...OFFICE, days: EVERY_DAY });
    expect(window!.end - window!.start).toBe(8 * HOUR);
  });
});

describe('freeSlots', () => {
  const week = { from: ms('2027-01-04T00:00Z'), to: ms('2027-01-09T00:00Z'), timeZone: 'UTC', workingHours: OFFICE };
  it.each<{ name: string; input: FreeSlotsInput; expected: string[][] }>([
    {
      name: 'a busy interval spanning several days removes them whole',
      input: { ...week, durationMinutes: 30, busy: [span('2027-01-05T12:00Z', '2027-01-07T10:00Z')] },
      expected: [['2027-01-04T09:00:00Z', '2027-01-04T17:00:00Z'], ['2027-01-05T09:00:00Z', '2027-01-05T12:00:00Z'], ['2027-01-07T10:00:00Z', '2027-01-07T17:00:00Z'], ['2027-01-08T09:00:00Z', '2027-01-08T17:00:00Z']],
    },
    {
      name: 'overlapping and touching busy intervals leave no sliver between them',
      input: { ...week, to: ms('2027-01-05T00:00Z'), durationMinutes: 1, busy: [span('2027-01-04T12:00Z', '2027-01-04T13:00Z'), span('2027-01-04T10:00Z', '2027-01-04T11:00Z'), span('2027-01-04T10:30Z', '2027-01-04T12:00Z')] },
      expected: [['2027-01-04T09:00:00Z', '2027-01-04T10:00:00Z'], ['2027-01-04T13:00:00Z', '2027-01-04T17:00:00Z']],
    },
    {
      name: 'a gap exactly as long as the meeting is kept, one a minute shorter is not',
      input: { ...week, to: ms('2027-01-05T00:00Z'), durationMinutes: 60, busy: [span('2027-01-04T10:00Z', '2027-01-04T11:00Z'), span('2027-01-04T11:59Z', '2027-01-04T17:00Z')] },
      expected: [['2027-01-04T09:00:00Z', '2027-01-04T10:00:00Z']],
    },
    {
      name: 'a meeting longer than any gap has no slot',
      input: { ...week, durationMinutes: 9 * 60, busy: [] },
      expected: [],
    },
    {
      name: 'busy time outside the window is ignored and busy time straddling it is clipped',
      input: { ...week, from: ms('2027-01-04T10:00Z'), to: ms('2027-01-04T16:00Z'), durationMinutes: 30, busy: [span('2027-01-01T00:00Z', '2027-01-04T11:00Z'), span('2027-01-04T15:00Z', '2027-01-10T00:00Z'), span('2027-01-20T09:00Z', '2027-01-20T10:00Z')] },
      expected: [['2027-01-04T11:00:00Z', '2027-01-04T15:00:00Z']],
    },
    {
      name: 'an empty busy interval does not split free time',
      input: { ...week, to: ms('2027-01-05T00:00Z'), durationMinutes: 30, busy: [span('2027-01-04T12:00Z', '2027-01-04T12:00Z')] },
      expected: [['2027-01-04T09:00:00Z', '2027-01-04T17:00:00Z']],
    },
    {
      name: 'a night shift is split by a meeting across midnight',
      input: { ...week, to: ms('2027-01-05T12:00Z'), durationMinutes: 30, workingHours: { start: '22:00', end: '06:00', days: [1] }, busy: [span('2027-01-04T23:00Z', '2027-01-05T01:00Z')] },
      expected: [['2027-01-04T22:00:00Z', '2027-01-04T23:00:00Z'], ['2027-01-05T01:00:00Z', '2027-01-05T06:00:00Z']],
    },
    {
      name: 'without working hours the whole window is available, midnight included',
      input: { from: ms('2027-01-04T20:00Z'), to: ms('2027-01-05T04:00Z'), timeZone: 'UTC', durationMinutes: 30, busy: [span('2027-01-04T21:00Z', '2027-01-04T22:00Z')] },
      expected: [['2027-01-04T20:00:00Z', '2027-01-04T21:00:00Z'], ['2027-01-04T22:00:00Z', '2027-01-05T04:00:00Z']],
    },
    {
      name: 'Berlin working hours on the DST-start Monday after a busy weekend',
      input: { from: ms('2027-03-26T00:00+01:00'), to: ms('2027-03-30T00:00+02:00'), timeZone: 'Europe/Berlin', workingHours: OFFICE, durationMinutes: 30, busy: [span('2027-03-26T12:00+01:00', '2027-03-29T10:00+02:00')] },
      expected: [['2027-03-26T09:00:00+01:00', '2027-03-26T12:00:00+01:00'], ['2027-03-29T10:00:00+02:00', '2027-03-29T17:00:00+02:00']],
    },
  ])('$name', ({ input, expected }) => {
    expect(local(freeSlots(input), input.timeZone)).toEqual(expected);
  });
});

describe('candidateSlots', () => {
  const monday = (from: string, to: string) => span(`2027-01-04T${from}Z`, `2027-01-04T${to}Z`);
  it.each([
    { name: 'proposes the earliest aligned start of each window, one window each', free: [monday('09:10', '10:00'), monday('11:00', '12:00'), monday('13:00', '17:00')], count: 2, step: 30, expected: [['09:30', '10:00'], ['11:00', '11:30']] },
    { name: 'skips a window too short once aligned', free: [monday('09:10', '09:50'), monday('11:00', '12:00')], count: 1, step: 30, expected: [['11:00', '11:30']] },
    { name: 'with fewer windows than asked, adds back-to-back proposals round-robin', free: [monday('09:00', '10:30'), monday('14:00', '15:00')], count: 4, step: 30, expected: [['09:00', '09:30'], ['09:30', '10:00'], ['14:00', '14:30'], ['14:30', '15:00']] },
    { name: 'returns fewer when the free time runs out', free: [monday('09:00', '10:00')], count: 5, step: 30, expected: [['09:00', '09:30'], ['09:30', '10:00']] },
    { name: 'aligns to a custom step', free: [monday('09:05', '10:00')], count: 1, step: 15, expected: [['09:15', '09:45']] },
    { name: 'count 0 proposes nothing', free: [monday('09:00', '10:00')], count: 0, step: 30, expected: [] },
  ])('$name', ({ free, count, step, expected }) => {
    const hhmm = (t: number) => new Date(t).toISOString().slice(11, 16);
    expect(candidateSlots(free, 30, count, step).map((s) => [hhmm(s.start), hhmm(s.end)])).toEqual(expected);
  });
});

describe('input validation', () => {
  const ok: FreeSlotsInput = { from: ms('2027-01-04T00:00Z'), to: ms('2027-01-05T00:00Z'), busy: [], durationMinutes: 30, timeZone: 'UTC', workingHours: OFFICE };
  it.each<{ name: string; call: () => unknown; field: string }>([
    { name: 'to equal to from', call: () => freeSlots({ ...ok, to: ok.from }), field: 'to' },
    { name: 'to before from', call: () => freeSlots({ ...ok, to: ok.from - 1 }), field: 'to' },
    { name: 'from not a number', call: () => freeSlots({ ...ok, from: NaN }), field: 'from' },
    { name: 'duration zero', call: () => freeSlots({ ...ok, durationMinutes: 0 }), field: 'durationMinutes' },
    { name: 'duration negative', call: () => freeSlots({ ...ok, durationMinutes: -30 }), field: 'durationMinutes' },
    { name: 'duration fractional', call: () => freeSlots({ ...ok, durationMinutes: 30.5 }), field: 'durationMinutes' },
    { name: 'duration over a day', call: () => freeSlots({ ...ok, durationMinutes: 24 * 60 + 1 }), field: 'durationMinutes' },
    { name: 'unknown time zone', call: () => freeSlots({ ...ok, timeZone: 'Mars/Olympus_Mons' }), field: 'timeZone' },
    { name: 'a UTC offset instead of an IANA zone', call: () => freeSlots({ ...ok, timeZone: 'UTC+3' }), field: 'timeZone' },
    { name: 'start without a leading zero', call: () => freeSlots({ ...ok, workingHours: { ...OFFICE, start: '9:00' } }), field: 'workingHours.start' },
    { name: 'start at 24:00', call: () => freeSlots({ ...ok, workingHours: { ...OFFICE, start: '24:00' } }), field: 'workingHours.start' },
    { name: 'end with minute 60', call: () => freeSlots({ ...ok, workingHours: { ...OFFICE, end: '17:60' } }), field: 'workingHours.end' },
    { name: 'end hour 25', call: () => freeSlots({ ...ok, workingHours: { ...OFFICE, end: '25:00' } }), field: 'workingHours.end' },
    { name: 'day 0', call: () => freeSlots({ ...ok, workingHours: { ...OFFICE, days: [1, 0] } }), field: 'workingHours.days[1]' },
    { name: 'day 8', call: () => freeSlots({ ...ok, workingHours: { ...OFFICE, days: [8] } }), field: 'workingHours.days[0]' },
    { name: 'workingWindows with to <= from', call: () => workingWindows(ok.to, ok.from, 'UTC'), field: 'to' },
    { name: 'workingWindows with an unknown zone', call: () => workingWindows(ok.from, ok.to, 'Nowhere/Land'), field: 'timeZone' },
    { name: 'candidateSlots with duration 0', call: () => candidateSlots([], 0, 3), field: 'durationMinutes' },
    { name: 'candidateSlots with a negative count', call: () => candidateSlots([], 30, -1), field: 'count' },
    { name: 'candidateSlots with step 0', call: () => candidateSlots([], 30, 3, 0), field: 'stepMinutes' },
  ])('rejects $name with a RangeError naming $field', ({ call, field }) => {
    const error = (() => {
      try {
        call();
      } catch (e) {
        return e;
      }
      throw new Error('expected a throw');
    })();
    expect(error).toBeInstanceOf(RangeError);
    expect(error).toBeInstanceOf(AvailabilityInputError);
    expect((error as AvailabilityInputError).field).toBe(field);
    expect((error as Error).message).toContain(field);
  });
});

describe('properties', () => {
  const ZONES = ['UTC', 'Europe/Berlin', 'America/New_York', 'Asia/Kolkata', 'Australia/Lord_Howe', 'Pacific/Chatham'];
  // Windows start near the DST changes of the zones above as often as anywhere else in 2026-2027.
  const TRANSITIONS = ['2026-03-08', '2026-03-29', '2026-04-05', '2026-09-27', '2026-10-04', '2026-10-25', '2026-11-01', '2027-03-28'].map((d) => ms(`${d}T00:00Z`));
  const hhmm = fc
    .tuple(fc.integer({ min: 0, max: 23 }), fc.oneof(fc.constantFrom(0, 30), fc.integer({ min: 0, max: 59 })))
    .map(([h, m]) => `${String(h).padStart(2, '0')}:${String(m).padStart(2, '0')}`);
  const hours: fc.Arbitrary<WorkingHours | undefined> = fc.option(
    fc.record({ start: hhmm, end: fc.oneof(hhmm, fc.constant('24:00')), days: fc.uniqueArray(fc.integer({ min: 1, max: 7 }), { maxLength: 7 }) }),
    { nil: undefined, freq: 4 },
  );
  const anchor = fc.oneof(
    fc.integer({ min: ms('2026-01-01T00:00Z') / MINUTE, max: ms('2028-01-01T00:00Z') / MINUTE }).map((m) => m * MINUTE),
    fc.tuple(fc.constantFrom(...TRANSITIONS), fc.integer({ min: -5 * 24 * 60, max: 0 })).map(([t, m]) => t + m * MINUTE),
  );
  // Busy intervals sit on a 15-minute grid relative to `from` so that touching and overlapping ones are common.
  const scenario: fc.Arbitrary<FreeSlotsInput> = fc
    .record({
      timeZone: fc.constantFrom(...ZONES),
      from: anchor,
      spanMinutes: fc.oneof(fc.integer({ min: 1, max: 2 * 24 * 60 }), fc.integer({ min: 1, max: 21 * 24 * 60 })),
      durationMinutes: fc.oneof(fc.integer({ min: 1, max: 120 }), fc.integer({ min: 1, max: 24 * 60 })),
      workingHours: hours,
    })
    .chain(({ spanMinutes, ...base }) => {
      const quarters = Math.ceil(spanMinutes / 15);
      const block = fc.record({ at: fc.integer({ min: -quarters, max: quarters * 2 }), length: fc.integer({ min: 0, max: Math.max(1, quarters) }) });
      return fc.array(block, { maxLength: 30 }).map((blocks) => ({
        ...base,
        to: base.from + spanMinutes * MINUTE,
        busy: blocks.map(({ at, length }) => ({ start: base.from + at * 15 * MINUTE, end: base.from + (at + length) * 15 * MINUTE })),
      }));
    });
  const runs = { numRuns: 200 };
  const contains = (i: Interval, t: number) => i.start <= t && t < i.end;
  const windowsOf = (input: FreeSlotsInput) => workingWindows(input.from, input.to, input.timeZone, input.workingHours);

  it('merged intervals are sorted, apart, non-empty, and cover exactly what the input covers', () => {
    const grid = fc.record({ at: fc.integer({ min: 0, max: 40 }), length: fc.integer({ min: -2, max: 8 }) });
    fc.assert(
      fc.property(fc.array(grid, { maxLength: 20 }), (cells) => {
        const input = cells.map(({ at, length }) => ({ start: at * HOUR, end: (at + length) * HOUR }));
        const merged = mergeIntervals(input);
        merged.forEach((m, i) => {
          expect(m.end).toBeGreaterThan(m.start);
          if (i > 0) expect(merged[i - 1]!.end).toBeLessThan(m.start);
        });
        for (const t of input.flatMap((i) => [i.start - 1, i.start, i.end - 1, i.end])) {
          expect(merged.some((m) => contains(m, t))).toBe(input.some((i) => contains(i, t)));
        }
      }),
      runs,
    );
  });

  it("away from DST changes, an instant is working time exactly when its wall-clock time falls in a listed day's hours", () => {
    const minutes = (hhmm: string) => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3));
    const offsetSteady = (t: number, zone: string) =>
      [t - 2 * DAY, t + 2 * DAY].every((u) => DateTime.fromMillis(u, { zone }).offset === DateTime.fromMillis(t, { zone }).offset);
    fc.assert(
      fc.property(scenario, fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { maxLength: 20 }), ({ from, to, timeZone, workingHours }, fractions) => {
        if (!workingHours) return;
        const windows = workingWindows(from, to, timeZone, workingHours);
        const start = minutes(workingHours.start);
        const end = minutes(workingHours.end) <= start ? minutes(workingHours.end) + 24 * 60 : minutes(workingHours.end);
        const probes = [from, to - 1, ...windows.flatMap((w) => [w.start - 1, w.start, w.end - 1, w.end]), ...fractions.map((f) => Math.floor(from + f * (to - from)))];
        for (const t of probes.filter((p) => p >= from && p < to && offsetSteady(p, timeZone))) {
          const wall = DateTime.fromMillis(t, { zone: timeZone });
          const minute = wall.hour * 60 + wall.minute + (wall.second * 1000 + wall.millisecond) / MINUTE;
          const yesterday = wall.weekday === 1 ? 7 : wall.weekday - 1;
          const inToday = workingHours.days.includes(wall.weekday) && start <= minute && minute < end;
          const inYesterdays = workingHours.days.includes(yesterday) && start <= minute + 24 * 60 && minute + 24 * 60 < end;
          expect(windows.some((w) => contains(w, t))).toBe(inToday || inYesterdays);
        }
      }),
      runs,
    );
  });

  it('no free slot overlaps a busy interval', () => {
    fc.assert(
      fc.property(scenario, (input) => {
        for (const slot of freeSlots(input)) {
          for (const b of input.busy) expect(b.end > b.start && slot.start < b.end && b.start < slot.end).toBe(false);
        }
      }),
      runs,
    );
  });

  it('every free slot lies inside one working window and inside [from, to)', () => {
    fc.assert(
      fc.property(scenario, (input) => {
        const windows = windowsOf(input);
        for (const slot of freeSlots(input)) {
          expect(slot.start).toBeGreaterThanOrEqual(input.from);
          expect(slot.end).toBeLessThanOrEqual(input.to);
          expect(windows.some((w) => w.start <= slot.start && slot.end <= w.end)).toBe(true);
        }
      }),
      runs,
    );
  });

  it('free slots are sorted, apart from each other, and each at least the meeting long', () => {
    fc.assert(
      fc.property(scenario, (input) => {
        const slots = freeSlots(input);
        slots.forEach((slot, i) => {
          expect(slot.end - slot.start).toBeGreaterThanOrEqual(input.durationMinutes * MINUTE);
          if (i > 0) expect(slots[i - 1]!.end).toBeLessThan(slot.start);
        });
      }),
      runs,
    );
  });

  it('every free working instant in a long enough run is covered, by exactly that maximal run', () => {
    fc.assert(
      fc.property(scenario, fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { maxLength: 10 }), (input, fractions) => {
        const windows = windowsOf(input);
        const busy = input.busy.filter((b) => b.end > b.start);
        const slots = freeSlots(input);
        // Probe the edges, where off-by-one mistakes live, plus a few instants anywhere.
        const edges = [...busy, ...windows].flatMap((i) => [i.start - 1, i.start, i.end - 1, i.end]);
        const anywhere = fractions.map((f) => Math.floor(input.from + f * (input.to - input.from)));
        for (const t of [input.from, input.to - 1, ...edges, ...anywhere]) {
          const window = windows.find((w) => contains(w, t));
          if (!window || busy.some((b) => contains(b, t))) {
            expect(slots.some((s) => contains(s, t))).toBe(false);
            continue;
          }
          const runStart = Math.max(window.start, ...busy.filter((b) => b.end <= t).map((b) => b.end));
          const runEnd = Math.min(window.end, ...busy.filter((b) => b.start > t).map((b) => b.start));
          const covering = slots.filter((s) => contains(s, t));
          expect(covering).toEqual(runEnd - runStart >= input.durationMinutes * MINUTE ? [{ start: runStart, end: runEnd }] : []);
        }
      }),
      runs,
    );
  });

  it('candidate slots are exactly the meeting long, aligned, inside free time, and in distinct windows when there are enough', () => {
    fc.assert(
      fc.property(scenario, fc.integer({ min: 0, max: 8 }), fc.constantFrom(5, 15, 30, 60), (input, count, step) => {
        const free = freeSlots(input);
        const length = input.durationMinutes * MINUTE;
        const candidates = candidateSlots(free, input.durationMinutes, count, step);
        const usable = free.filter((w) => Math.ceil(w.start / (step * MINUTE)) * step * MINUTE + length <= w.end);
        expect(candidates.length).toBeLessThanOrEqual(count);
        expect(candidates.length).toBeGreaterThanOrEqual(Math.min(count, usable.length));
        const windowIndexes = candidates.map((c, i) => {
          expect(c.end - c.start).toBe(length);
          expect(c.start % (step * MINUTE)).toBe(0);
          if (i > 0) expect(candidates[i - 1]!.end).toBeLessThanOrEqual(c.start);
          const index = free.findIndex((w) => w.start <= c.start && c.end <= w.end);
          expect(index).toBeGreaterThanOrEqual(0);
          return index;
        });
        if (usable.length >= count) expect(new Set(windowIndexes).size).toBe(candidates.length);
      }),
      runs,
    );
  });

  it('working windows start and end at the given wall-clock times, except on a DST change', () => {
    const offsetChangesNear = (t: number, zone: string) =>
      DateTime.fromMillis(t - 3 * HOUR, { zone }).offset !== DateTime.fromMillis(t + 3 * HOUR, { zone }).offset;
    fc.assert(
      fc.property(scenario, ({ from, to, timeZone, workingHours }) => {
        const windows = workingWindows(from, to, timeZone, workingHours);
        if (!workingHours) {
          expect(windows).toEqual([{ start: from, end: to }]);
          return;
        }
        windows.forEach((w, i) => {
          if (i > 0) expect(windows[i - 1]!.end).toBeLessThan(w.start);
          expect(w.start).toBeGreaterThanOrEqual(from);
          expect(w.end).toBeLessThanOrEqual(to);
          const start = DateTime.fromMillis(w.start, { zone: timeZone });
          if (w.start > from && !offsetChangesNear(w.start, timeZone)) {
            expect(start.toFormat('HH:mm')).toBe(workingHours.start);
            expect(workingHours.days).toContain(start.weekday);
          }
          if (w.end < to && !offsetChangesNear(w.end, timeZone)) {
            expect(DateTime.fromMillis(w.end, { zone: timeZone }).toFormat('HH:mm')).toBe(workingHours.end.replace('24:00', '00:00'));
          }
        });
      }),
      runs,
    );
  });
});
