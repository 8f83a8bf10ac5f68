import fc from 'fast-check';
import { DateTime, FixedOffsetZone } from 'luxon';
import { describe, expect, it } from 'vitest';
import { CachedZone } from '../../../shared/time/cached-zone.ts';
import { fixedOffset, isoWeekdayAt, ZonedTime } from '../../../shared/time/zoned-time.ts';

/**
 * ZonedTime stands in for luxon's DateTime in the parser, so it must answer what luxon answers: the same instant,
 * offset and ISO text after every operation the parser uses, DST gaps and repeated hours included.
 */
const ZONES = ['Europe/Berlin', 'America/New_York', 'Australia/Lord_Howe', 'Pacific/Chatham', 'Asia/Kolkata', 'America/Santiago', 'UTC'];
const iso = (d: DateTime) => d.toISO({ suppressMilliseconds: true });

describe('ZonedTime against luxon', () => {
  it.each([
    // Spring forward: 02:30 does not exist and moves on (a repeated hour is below: there we differ from luxon).
    ['Europe/Berlin', 2027, 3, 28, 2, 30],
    ['America/New_York', 2027, 3, 14, 2, 15],
    // Half-hour DST.
    ['Australia/Lord_Howe', 2026, 10, 4, 2, 15],
    ['Australia/Lord_Howe', 2027, 4, 4, 1, 45],
    ['Pacific/Chatham', 2026, 9, 27, 3, 0],
    ['Pacific/Chatham', 2027, 4, 4, 2, 50],
    // DST at midnight: the day starts at 01:00.
    ['America/Santiago', 2026, 9, 6, 0, 0],
  ] as const)('places %s %i-%i-%i %i:%i as luxon does', (zone, year, month, day, hour, minute) => {
    const ours = ZonedTime.fromWall({ year, month, day, hour, minute }, CachedZone.of(zone))!;
    const theirs = DateTime.fromObject({ year, month, day, hour, minute }, { zone: CachedZone.of(zone) });
    expect(ours.toISO()).toBe(iso(theirs));
    expect(ours.ts).toBe(theirs.toMillis());
    expect(ours.startOfDay().toISO()).toBe(iso(theirs.startOf('day')));
    expect(ours.plusDays(1).toISO()).toBe(iso(theirs.plus({ days: 1 })));
    expect(ours.plusDays(-1).toISO()).toBe(iso(theirs.minus({ days: 1 })));
  });

  // luxon starts from the offset of the real present, so which of the two it picks depends on the day it runs.
  it.each([
    ['Europe/Berlin', 2026, 10, 25, 2, 30, '2026-10-25T02:30:00+02:00'],
    ['America/New_York', 2026, 11, 1, 1, 30, '2026-11-01T01:30:00-04:00'],
    ['Australia/Lord_Howe', 2027, 4, 4, 1, 45, '2027-04-04T01:45:00+11:00'],
  ] as const)('places %s %i-%i-%i %i:%i, said twice when the clocks go back, at the first of the two, whatever today is', (zone, year, month, day, hour, minute, expected) => {
    expect(ZonedTime.fromWall({ year, month, day, hour, minute }, CachedZone.of(zone))!.toISO()).toBe(expected);
  });

  it('refuses a day that does not exist, where luxon gives an invalid DateTime', () => {
    expect(ZonedTime.fromWall({ year: 2026, month: 2, day: 30 }, CachedZone.of('Europe/Berlin'))).toBeNull();
    expect(DateTime.fromObject({ year: 2026, month: 2, day: 30 }, { zone: 'Europe/Berlin' }).isValid).toBe(false);
  });

  it('agrees on every operation the parser uses, anywhere in time', () => {
    const moment = fc.integer({ min: Date.UTC(1990, 0, 1), max: Date.UTC(2040, 0, 1) });
    const op = fc.oneof(
      fc.record({ kind: fc.constant('days' as const), n: fc.integer({ min: -400, max: 400 }) }),
      fc.record({ kind: fc.constant('minutes' as const), n: fc.oneof(fc.integer({ min: -100_000, max: 100_000 }), fc.double({ min: -5000, max: 5000, noNaN: true })) }),
      fc.record({ kind: fc.constant('set' as const), hour: fc.integer({ min: 0, max: 23 }), minute: fc.integer({ min: 0, max: 59 }) }),
      fc.record({ kind: fc.constant('startOfDay' as const) }),
      fc.record({ kind: fc.constant('startOfWeek' as const) }),
    );
    fc.assert(
      fc.property(moment, fc.constantFrom(...ZONES), fc.array(op, { maxLength: 5 }), (ts, name, ops) => {
        const zone = CachedZone.of(name);
        let ours = ZonedTime.at(ts, zone);
        let theirs = DateTime.fromMillis(ts, { zone });
        for (const o of ops) {
          if (o.kind === 'days') [ours, theirs] = [ours.plusDays(o.n), theirs.plus({ days: o.n })];
          else if (o.kind === 'minutes') [ours, theirs] = [ours.plusMinutes(o.n), theirs.plus({ minutes: o.n })];
          else if (o.kind === 'set') [ours, theirs] = [ours.with({ hour: o.hour, minute: o.minute }), theirs.set({ hour: o.hour, minute: o.minute })];
          else if (o.kind === 'startOfDay') [ours, theirs] = [ours.startOfDay(), theirs.startOf('day')];
          // The Monday of the week as the parser counted it with luxon: the day's start, moved back to Monday.
          else [ours, theirs] = [ours.startOfWeek(), theirs.startOf('day').minus({ days: theirs.weekday - 1 })];
          expect(ours.ts).toBe(theirs.toMillis());
          expect(ours.toISO()).toBe(iso(theirs));
          expect(ours.toISODate()).toBe(theirs.toISODate());
          expect(ours.clockTime()).toBe(theirs.toFormat('HH:mm'));
          expect(ours.weekday).toBe(theirs.weekday);
        }
      }),
      { numRuns: 2000 },
    );
  });

  it('places wall times from fields as luxon does, gaps included', () => {
    fc.assert(
      fc.property(fc.date({ min: new Date('1995-01-01'), max: new Date('2040-01-01'), noInvalidDate: true }), fc.constantFrom(...ZONES), fc.integer({ min: -720, max: 840 }), (d, name, fixed) => {
        const fields = { year: d.getUTCFullYear(), month: d.getUTCMonth() + 1, day: d.getUTCDate(), hour: d.getUTCHours(), minute: d.getUTCMinutes() };
        const zone = CachedZone.of(name);
        const ours = ZonedTime.fromWall(fields, zone)!;
        const theirs = DateTime.fromObject(fields, { zone });
        // In a repeated hour luxon may pick the second of the two (see above); we always take the first.
        const repeated = ours.ts < theirs.toMillis() && ZonedTime.at(theirs.toMillis(), zone).clockTime() === ours.clockTime();
        if (!repeated) expect(ours.toISO()).toBe(iso(theirs));
        // A zone said as an offset ("+0900"), seen in the user's zone.
        expect(ZonedTime.fromWall(fields, fixedOffset(fixed))!.setZone(zone).toISO()).toBe(iso(DateTime.fromObject(fields, { zone: FixedOffsetZone.instance(fixed) }).setZone(zone)));
      }),
      { numRuns: 2000 },
    );
  });

  it('counts calendar days between two midnights as luxon rounds them', () => {
    const zone = CachedZone.of('America/Santiago');
    const a = ZonedTime.fromWall({ year: 2026, month: 9, day: 5 }, zone)!;
    const b = ZonedTime.fromWall({ year: 2026, month: 9, day: 6 }, zone)!;
    const [la, lb] = [DateTime.fromObject({ year: 2026, month: 9, day: 5 }, { zone }), DateTime.fromObject({ year: 2026, month: 9, day: 6 }, { zone })];
    expect(b.calendarDaysSince(a)).toBe(Math.round(lb.diff(la, 'days').days));
    expect(a.calendarDaysSince(b)).toBe(Math.round(la.diff(lb, 'days').days));
  });

  it('reads the wall clock by arithmetic as a Date reads its UTC fields, at any instant', () => {
    const fixed = { offset: () => 330 };
    fc.assert(
      fc.property(fc.oneof(fc.integer({ min: -8.6e15, max: 8.6e15 }), fc.double({ min: -4e12, max: 4e12, noNaN: true })), (ts) => {
        const z = ZonedTime.at(ts, fixed);
        const d = new Date(ts + 330 * 60_000);
        expect([z.year, z.month, z.day, z.hour, z.minute, z.second, z.millisecond]).toEqual([d.getUTCFullYear(), d.getUTCMonth() + 1, d.getUTCDate(), d.getUTCHours(), d.getUTCMinutes(), d.getUTCSeconds(), d.getUTCMilliseconds()]);
      }),
      { numRuns: 20_000 },
    );
  });
  it('counts days by arithmetic as Date.UTC does: any year, a day past its month, the weekday', () => {
    fc.assert(
      fc.property(fc.integer({ min: -5000, max: 12_000 }), fc.integer({ min: 1, max: 12 }), fc.integer({ min: 1, max: 28 }), fc.integer({ min: 0, max: 23 }), fc.integer({ min: -800, max: 800 }), (year, month, day, hour, days) => {
        const z = ZonedTime.fromWall({ year, month, day, hour }, fixedOffset(0))!;
        const expected = new Date(0);
        expected.setUTCFullYear(year, month - 1, day + days);
        expected.setUTCHours(hour, 0, 0, 0);
        const moved = z.plusDays(days);
        expect(moved.ts).toBe(expected.getTime());
        expect(moved.weekday).toBe(((expected.getUTCDay() + 6) % 7) + 1);
      }),
      { numRuns: 20_000 },
    );
  });

  it('gives the ISO weekday of any instant as a Date does, fractions and the ends of its range included', () => {
    fc.assert(
      fc.property(fc.oneof(fc.integer({ min: -8.7e15, max: 8.7e15 }), fc.double({ min: -2e8, max: 2e8 }), fc.constantFrom(-0.5, -86_400_000.5, 8.64e15, -8.64e15, 8.64e15 + 1)), (ms) => {
        const day = new Date(ms).getUTCDay();
        expect(isoWeekdayAt(ms)).toBe(Number.isNaN(day) ? Number.NaN : ((day + 6) % 7) + 1);
      }),
      { numRuns: 20_000 },
    );
  });
});
