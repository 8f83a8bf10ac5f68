/**
 * The availability math behind `GET /api/availability`: when, inside working
 * hours, is someone free for a meeting of a given length, and which few
 * start times should we propose.
 *
 * Every function is pure; instants are epoch milliseconds and intervals are
 * half-open, so back-to-back meetings (10:00-11:00, 11:00-12:00) do not overlap.
 */
import { DateTime, IANAZone } from 'luxon';
import { CachedZone } from '../time/cached-zone.ts';

/** Epoch milliseconds, half-open: [start, end). */
export interface Interval { start: number; end: number }

/** 'HH:MM' 24-hour local times (end may be '24:00'); days are ISO weekdays, 1 = Monday .. 7 = Sunday. */
export interface WorkingHours { start: string; end: string; days: number[] }

export interface FreeSlotsInput {
  /** The window asked about, epoch ms, half-open. */
  from: number;
  to: number;
  /** Unsorted, may overlap, may reach outside [from, to). */
  busy: Interval[];
  /** A free piece must be at least this long to be returned. */
  durationMinutes: number;
  /** The IANA zone the working hours are in. */
  timeZone: string;
  /** Omitted: whole days, every day. */
  workingHours?: WorkingHours;
}

/**
 * Thrown for input the caller can fix. It is a RangeError, and `field` names
 * the offending input so the route can answer `invalid_request` with it
 * without parsing the message.
 */
export class AvailabilityInputError extends RangeError {
  override readonly name = 'AvailabilityInputError';
  readonly field: string;

  constructor(field: string, problem: string) {
    super(`${field} ${problem}`);
    this.field = field;
  }
}

const MINUTE_MS = 60_000;
const DAY_MS = 86_400_000;
const MINUTES_PER_DAY = 24 * 60;
// '24:00' is accepted as an end so "18:00-24:00" can be written the way people say it.
const HH_MM = /^(?:([01]\d|2[0-3]):([0-5]\d)|(24):(00))$/;

/** Sorted union of the intervals; overlapping and touching ones are merged, empty or inverted ones dropped. */
export function mergeIntervals(intervals: Interval[]): Interval[] {
  // `end > start` is false for NaN too, so a malformed interval cannot poison the sort.
  const sorted = intervals.filter((i) => i.end > i.start).sort((a, b) => a.start - b.start);
  const merged: Interval[] = [];
  for (const { start, end } of sorted) {
    const last = merged.at(-1);
    if (last && start <= last.end) {
      last.end = Math.max(last.end, end);
      continue;
    }
    merged.push({ start, end });
  }
  return merged;
}

/**
 * The working-hour windows intersecting [from, to), clipped to it, sorted and
 * merged (so round-the-clock hours give one window, not one per day).
 *
 * A window belongs to the local day it starts on: with hours 22:00-06:00 and
 * days [5], Friday night into Saturday morning is working time. Each day's
 * window is built from that day's wall-clock times, so a 09:00-17:00 day is
 * eight hours even when the clocks change overnight. A time inside a
 * spring-forward gap moves forward by the gap; a time repeated at fall-back
 * is whichever occurrence luxon picks (the later one in Berlin and New York,
 * the earlier in Lord Howe and Chatham). Only hours set inside those rare
 * night-time hours are affected.
 */
export function workingWindows(from: number, to: number, timeZone: string, hours?: WorkingHours): Interval[] {
  checkRange(from, to);
  checkTimeZone(timeZone);
  if (!hours) return [{ start: from, end: to }];
  const { startMinute, endMinute, days } = parseWorkingHours(hours);

  const windows: Interval[] = [];
  // Start a day early: yesterday's shift may run past midnight into the window.
  const firstDay = localEpochDay(from, timeZone) - 1;
  const lastDay = localEpochDay(to, timeZone);
  for (let day = firstDay; day <= lastDay; day++) {
    if (!days.has(isoWeekday(day))) continue;
    const start = Math.max(from, atLocalMinute(day, startMinute, timeZone));
    const end = Math.min(to, atLocalMinute(day, endMinute, timeZone));
    if (end > start) windows.push({ start, end });
  }
  return mergeIntervals(windows);
}

/**
 * Free time inside working hours, in pieces at least `durationMinutes` long.
 * Sorting the busy list is the only superlinear step; windows and busy
 * intervals are then walked once, side by side.
 */
export function freeSlots(input: FreeSlotsInput): Interval[] {
  const { from, to, busy, durationMinutes, timeZone, workingHours } = input;
  checkRange(from, to);
  checkDuration(durationMinutes);
  const windows = workingWindows(from, to, timeZone, workingHours);
  const taken = mergeIntervals(busy);
  const minLength = durationMinutes * MINUTE_MS;

  const free: Interval[] = [];
  const keep = (start: number, end: number) => {
    if (end - start >= minLength) free.push({ start, end });
  };
  let next = 0; // first busy interval that can still reach the current window or a later one
  for (const window of windows) {
    while (next < taken.length && taken[next]!.end <= window.start) next++;
    let cursor = window.start;
    while (next < taken.length && taken[next]!.start < window.end) {
      const block = taken[next]!;
      keep(cursor, block.start);
      cursor = Math.max(cursor, block.end);
      // A block running past this window may cover the start of the next one; keep it.
      if (block.end > window.end) break;
      next++;
    }
    keep(cursor, window.end);
  }
  return free;
}

/**
 * Up to `count` proposals of exactly `durationMinutes`, each starting on a
 * multiple of `stepMinutes` since the epoch. For the default 30 that is also
 * :00/:30 local time wherever the UTC offset is a whole or half hour; zones
 * with :45 offsets (Nepal, Chatham) get :15/:45, which we accept.
 *
 * Proposals are dealt round-robin: each free window first gets its earliest
 * one, so the user sees different parts of the week rather than three
 * back-to-back slots on Monday morning. Only when there are fewer usable
 * windows than `count` does a window get a second proposal, right after its first.
 */
export function candidateSlots(free: Interval[], durationMinutes: number, count: number, stepMinutes = 30): Interval[] {
  checkDuration(durationMinutes);
  checkWholeNumber('count', count, 0);
  checkWholeNumber('stepMinutes', stepMinutes, 1);
  const length = durationMinutes * MINUTE_MS;
  const step = stepMinutes * MINUTE_MS;
  const alignUp = (t: number) => Math.ceil(t / step) * step;

  let open = mergeIntervals(free).map((w) => ({ next: alignUp(w.start), end: w.end }));
  const picked: Interval[] = [];
  // Each pass either picks from a window or drops it, so the work is O(windows + count).
  while (picked.length < count && open.length > 0) {
    const stillOpen: typeof open = [];
    for (const window of open) {
      if (picked.length === count) break;
      if (window.next + length > window.end) continue;
      picked.push({ start: window.next, end: window.next + length });
      window.next = alignUp(window.next + length);
      stillOpen.push(window);
    }
    open = stillOpen;
  }
  return picked.sort((a, b) => a.start - b.start);
}

/** Days since 1970-01-01 of the local calendar date at `instant`; a plain integer keeps the day loop cheap. */
function localEpochDay(instant: number, timeZone: string): number {
  const local = DateTime.fromMillis(instant, { zone: CachedZone.of(timeZone) });
  return Date.UTC(local.year, local.month - 1, local.day) / DAY_MS;
}

/** 1970-01-01 was a Thursday (ISO weekday 4). */
function isoWeekday(epochDay: number): number {
  return ((((epochDay + 3) % 7) + 7) % 7) + 1;
}

/** The instant of wall-clock `minute` after local midnight of `epochDay`; minutes past 24:00 land on the next day. */
function atLocalMinute(epochDay: number, minute: number, timeZone: string): number {
  const date = new Date((epochDay + Math.floor(minute / MINUTES_PER_DAY)) * DAY_MS);
  const minuteOfDay = minute % MINUTES_PER_DAY;
  return DateTime.fromObject(
    {
      year: date.getUTCFullYear(),
      month: date.getUTCMonth() + 1,
      day: date.getUTCDate(),
      hour: Math.floor(minuteOfDay / 60),
      minute: minuteOfDay % 60,
    },
    { zone: CachedZone.of(timeZone) },
  ).toMillis();
}

function parseWorkingHours(hours: WorkingHours): { startMinute: number; endMinute: number; days: Set<number> } {
  const startMinute = parseHhMm('workingHours.start', hours.start, false);
  let endMinute = parseHhMm('workingHours.end', hours.end, true);
  // An end at or before the start is the next morning: a night shift, or 24 hours when they are equal.
  if (endMinute <= startMinute) endMinute += MINUTES_PER_DAY;
  if (!Array.isArray(hours.days)) throw new AvailabilityInputError('workingHours.days', 'must be an array of ISO weekdays 1 (Mon) to 7 (Sun)');
  hours.days.forEach((day, i) => {
    if (!Number.isInteger(day) || day < 1 || day > 7) {
      throw new AvailabilityInputError(`workingHours.days[${i}]`, `must be an ISO weekday 1 (Mon) to 7 (Sun), got ${String(day)}`);
    }
  });
  return { startMinute, endMinute, days: new Set(hours.days) };
}

function parseHhMm(field: string, value: string, allowMidnightEnd: boolean): number {
  const match = typeof value === 'string' ? HH_MM.exec(value) : null;
  if (!match || (match[3] && !allowMidnightEnd)) {
    throw new AvailabilityInputError(field, `must be a 24-hour time 'HH:MM'${allowMidnightEnd ? " (or '24:00')" : ''}, got ${JSON.stringify(value)}`);
  }
  return Number(match[1] ?? match[3]) * 60 + Number(match[2] ?? match[4]);
}

function checkRange(from: number, to: number): void {
  if (!Number.isFinite(from)) throw new AvailabilityInputError('from', `must be a finite epoch-millisecond number, got ${String(from)}`);
  if (!Number.isFinite(to)) throw new AvailabilityInputError('to', `must be a finite epoch-millisecond number, got ${String(to)}`);
  if (to <= from) throw new AvailabilityInputError('to', `must be after from (from=${from}, to=${to})`);
}

function checkDuration(durationMinutes: number): void {
  if (!Number.isInteger(durationMinutes) || durationMinutes < 1 || durationMinutes > MINUTES_PER_DAY) {
    throw new AvailabilityInputError('durationMinutes', `must be a whole number of minutes from 1 to ${MINUTES_PER_DAY}, got ${String(durationMinutes)}`);
  }
}

function checkTimeZone(timeZone: string): void {
  // isValidZone rather than DateTime#setZone: setZone also takes 'local' and 'UTC+3', which are not IANA names.
  if (typeof timeZone !== 'string' || !IANAZone.isValidZone(timeZone)) {
    throw new AvailabilityInputError('timeZone', `must be an IANA time zone such as 'Europe/Berlin', got ${JSON.stringify(timeZone)}`);
  }
}

function checkWholeNumber(field: string, value: number, min: number): void {
  if (!Number.isInteger(value) || value < min) throw new AvailabilityInputError(field, `must be a whole number >= ${min}, got ${String(value)}`);
}
