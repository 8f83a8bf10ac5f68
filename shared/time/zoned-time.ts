/** Where a zone's UTC offset comes from: CachedZone, or a fixed offset. Minutes east of UTC at an epoch millisecond. */
export interface OffsetSource {
  offset(ts: number): number;
}

export interface WallFields {
  year: number;
  month: number;
  day: number;
  hour?: number;
  minute?: number;
  second?: number;
  millisecond?: number;
}

/** A zone at a fixed offset from UTC (chrono's "+0900"). */
export function fixedOffset(minutes: number): OffsetSource {
  return { offset: () => minutes };
}

/**
 * A moment and its wall clock in a zone, for the parser's hot path: luxon's DateTime cost 2–5 µs for each
 * `plus`, `startOf` or `set`, a fifth of a parse. The arithmetic is luxon's, step for step, so the parser's
 * answers are the same to the millisecond: adding minutes moves the instant; adding days or setting fields moves
 * the wall clock and finds the offset from the one before (luxon's fixOffset), so a wall time in a gap moves
 * forward and an ambiguous one keeps the side its starting offset was on; a wall time made from fields alone starts
 * from the zone's offset at the real present, as luxon's fromObject does.
 */
export class ZonedTime {
  readonly year: number;
  readonly month: number;
  readonly day: number;
  readonly hour: number;
  readonly minute: number;
  readonly second: number;
  readonly millisecond: number;

  private constructor(
    readonly ts: number,
    /** Minutes east of UTC. */
    readonly offset: number,
    readonly zone: OffsetSource,
  ) {
    // The wall clock by arithmetic (a Date and seven getters cost more than the rest of a ZonedTime).
    const wall = Math.trunc(ts + offset * 60_000);
    const days = Math.floor(wall / 86_400_000);
    // The time of day fits 32 bits (under 86,400,000 ms), and all below is whole and not negative: `| 0` makes the
    // divisions integer ones, where `%` on the epoch's doubles was a floating-point remainder each.
    const inDay = (wall - days * 86_400_000) | 0;
    const seconds = (inDay / 1000) | 0;
    this.millisecond = inDay - seconds * 1000;
    const minutes = (seconds / 60) | 0;
    this.second = seconds - minutes * 60;
    this.hour = (minutes / 60) | 0;
    this.minute = minutes - this.hour * 60;
    // Howard Hinnant's civil_from_days: the proleptic Gregorian date of a day count from 1970-01-01.
    const z = days + 719_468;
    const era = Math.floor(z / 146_097);
    const doe = (z - era * 146_097) | 0;
    const yoe = ((doe - ((doe / 1460) | 0) + ((doe / 36_524) | 0) - ((doe / 146_096) | 0)) / 365) | 0;
    const doy = doe - (365 * yoe + ((yoe / 4) | 0) - ((yoe / 100) | 0));
    const mp = ((5 * doy + 2) / 153) | 0;
    this.day = doy - (((153 * mp + 2) / 5) | 0) + 1;
    this.month = mp < 10 ? mp + 3 : mp - 9;
    this.year = yoe + era * 400 + (this.month <= 2 ? 1 : 0);
  }

  /** The moment `ts` seen in `zone` (luxon's fromMillis / setZone). */
  static at(ts: number, zone: OffsetSource): ZonedTime {
    return new ZonedTime(ts, zone.offset(ts), zone);
  }

  /**
   * A wall-clock time in `zone` (luxon's fromObject), or null where the fields name no such day or time. Unlike
   * luxon, which starts from the offset in force at the real present, the first guess is the offset a day before
   * the wall time: the same answer whatever today is, and a time said twice when the clocks go back is the first
   * of the two.
   */
  static fromWall(fields: WallFields, zone: OffsetSource): ZonedTime | null {
    const f = { year: fields.year, month: fields.month, day: fields.day, hour: fields.hour ?? 0, minute: fields.minute ?? 0, second: fields.second ?? 0, millisecond: fields.millisecond ?? 0 };
    if (!validFields(f)) return null;
    const local = localTs(f);
    const ts = fixOffset(local, zone.offset(local - 86_400_000), zone);
    return new ZonedTime(ts, fixed.offset, zone);
  }

  /** Other wall-clock fields, found from this offset; as luxon's clone, the offset is then the zone's at the instant. */
  private moved(f: Required<WallFields>): ZonedTime {
    const ts = fixOffset(localTs(f), this.offset, this.zone);
    if (ts === this.ts) return this;
    // The offset fixOffset found is the zone's at the instant, except for a time in a gap.
    return fixed.atInstant ? new ZonedTime(ts, fixed.offset, this.zone) : ZonedTime.at(ts, this.zone);
  }

  private fields(): Required<WallFields> {
    return { year: this.year, month: this.month, day: this.day, hour: this.hour, minute: this.minute, second: this.second, millisecond: this.millisecond };
  }

  valueOf(): number {
    return this.ts;
  }

  /** ISO weekday, 1 = Monday. */
  get weekday(): number {
    return isoWeekdayAt(midnightOf(this));
  }

  /** Days from `other`'s wall date to this one's (what luxon's `diff(other, 'days')` rounds to between two midnights). */
  calendarDaysSince(other: ZonedTime): number {
    return Math.round((midnightOf(this) - midnightOf(other)) / 86_400_000);
  }

  setZone(zone: OffsetSource): ZonedTime {
    return zone === this.zone ? this : ZonedTime.at(this.ts, zone);
  }

  /** As luxon's `plus`, the instant is found again from the wall clock first, which drops a fraction of a millisecond. */
  plusMillis(ms: number): ZonedTime {
    const moved = this.moved(this.fields());
    return ms === 0 ? moved : ZonedTime.at(moved.ts + ms, this.zone);
  }

  /** Real time: luxon's `plus({ minutes })`, its rounding of a fraction of a minute to milliseconds included. */
  plusMinutes(minutes: number): ZonedTime {
    const own = 60_000 * minutes;
    const whole = Math.trunc(own);
    return this.plusMillis(whole + (own * 1000 - whole * 1000) / 1000);
  }

  /** Calendar days: the same wall time `days` later (luxon's `plus({ days })`); whole days only. */
  plusDays(days: number): ZonedTime {
    return this.moved({ ...this.fields(), day: this.day + days });
  }

  /** Some wall-clock fields changed (luxon's `set`). */
  with(fields: { hour?: number; minute?: number; second?: number; millisecond?: number }): ZonedTime {
    return this.moved({ ...this.fields(), ...fields });
  }

  startOfDay(): ZonedTime {
    return this.with({ hour: 0, minute: 0, second: 0, millisecond: 0 });
  }

  /** The start of the Monday of this week (weeks start on Monday). */
  startOfWeek(): ZonedTime {
    return this.startOfDay().plusDays(-(this.weekday - 1));
  }

  /** luxon's `toISO({ suppressMilliseconds: true })`; the zone is never a fixed UTC one here, so no "Z". */
  toISO(): string {
    let time = `${pad(this.hour)}:${pad(this.minute)}:${pad(this.second)}`;
    if (this.millisecond !== 0) time += `.${pad(this.millisecond, 3)}`;
    const o = this.offset;
    const sign = o < 0 ? '-' : '+';
    const abs = o < 0 ? -o : o;
    return `${this.toISODate()}T${time}${sign}${pad(Math.trunc(abs / 60))}:${pad(Math.trunc(abs % 60))}`;
  }

  toISODate(): string {
    const long = this.year > 9999 || this.year < 0;
    return `${long && this.year >= 0 ? '+' : ''}${pad(this.year, long ? 6 : 4)}-${pad(this.month)}-${pad(this.day)}`;
  }

  /** "HH:mm". */
  clockTime(): string {
    return `${pad(this.hour)}:${pad(this.minute)}`;
  }
}

const TWO_DIGITS = Array.from({ length: 100 }, (_, n) => String(n).padStart(2, '0'));

/** luxon's padStart: a sign, then the digits of the absolute value padded (two digits from a table: most fields). */
function pad(n: number, length = 2): string {
  if (length === 2 && n >= 0 && n < 100 && Number.isInteger(n)) return TWO_DIGITS[n]!;
  return n < 0 ? `-${String(-n).padStart(length, '0')}` : String(n).padStart(length, '0');
}

/** The wall clock's fields read as if UTC, in epoch milliseconds; years 0–99 are not taken for 19xx. */
function localTs(f: Required<WallFields>): number {
  // Whole fields (a day or an hour past its end counts on, as in Date.UTC) by arithmetic; the rest as Date.UTC has them.
  if (isInt32(f.year) && (f.year >= 100 || f.year < 0) && f.year > -100_000 && f.year < 100_000 && isInt32(f.month) && isInt32(f.day) && isInt32(f.hour) && isInt32(f.minute) && isInt32(f.second) && isInt32(f.millisecond)) {
    const m0 = f.month - 1;
    const yearsOver = Math.floor(m0 / 12);
    const day = daysFromCivil(f.year + yearsOver, m0 - yearsOver * 12 + 1, 1) + f.day - 1;
    return day * 86_400_000 + f.hour * 3_600_000 + f.minute * 60_000 + f.second * 1000 + f.millisecond;
  }
  const d = Date.UTC(f.year, f.month - 1, f.day, f.hour, f.minute, f.second, f.millisecond);
  if (f.year >= 100 || f.year < 0) return d;
  const early = new Date(d);
  early.setUTCFullYear(f.year, f.month - 1, f.day);
  return +early;
}

/** What fixOffset found besides the instant (kept here rather than in a tuple made per call). */
const fixed = { offset: 0, atInstant: true };

/**
 * luxon's fixOffset: the instant of a wall time, starting from a guess of its offset. A time in a gap keeps its
 * wall clock read at the earlier offset, so it lands after the gap; an ambiguous one keeps the guess if it fits.
 * Returns the instant; `fixed` holds the offset luxon keeps with it, and whether that is the zone's at the instant.
 */
function fixOffset(local: number, guess: number, zone: OffsetSource): number {
  let utc = local - guess * 60_000;
  const o2 = zone.offset(utc);
  fixed.atInstant = true;
  if (guess === o2) {
    fixed.offset = guess;
    return utc;
  }
  utc -= (o2 - guess) * 60_000;
  const o3 = zone.offset(utc);
  if (o2 === o3) {
    fixed.offset = o2;
    return utc;
  }
  fixed.offset = Math.max(o2, o3);
  fixed.atInstant = false;
  return local - Math.min(o2, o3) * 60_000;
}

function isInt32(n: number): boolean {
  return (n | 0) === n;
}

/** Howard Hinnant's days_from_civil: days from 1970-01-01 to a proleptic Gregorian date (month 1–12, any whole day). */
function daysFromCivil(year: number, month: number, day: number): number {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const mp = month > 2 ? month - 3 : month + 9;
  const doy = Math.floor((153 * mp + 2) / 5) + day - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146_097 + doe - 719_468;
}

/** The ISO weekday (1 = Monday) of the day an epoch millisecond falls on in UTC (1970-01-01 was a Thursday). */
export function isoWeekdayAt(utcMs: number): number {
  // As a Date reads it: its instant truncated to a whole millisecond, none past ±8.64e15.
  const ms = Math.trunc(utcMs);
  if (!(Math.abs(ms) <= 8.64e15)) return Number.NaN;
  const day = Math.floor(ms / 86_400_000);
  return ((((day + 3) % 7) + 7) % 7) + 1;
}

/** The wall date's midnight read as if UTC (the fields of a ZonedTime are whole and in range). */
function midnightOf(t: ZonedTime): number {
  return daysFromCivil(t.year, t.month, t.day) * 86_400_000;
}

const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

/** Days in a month (1–12; a month past either end counts into the next or previous year). */
export function daysInMonth(year: number, month: number): number {
  const m = ((month - 1) % 12 + 12) % 12 + 1;
  const y = year + (month - m) / 12;
  if (m === 2) return (y % 4 === 0 && (y % 100 !== 0 || y % 400 === 0)) ? 29 : 28;
  return DAYS_IN_MONTH[m - 1]!;
}

/** luxon's checks on fromObject: whole numbers, a real day of the month, a real time (24:00:00.000 allowed). */
function validFields(f: Required<WallFields>): boolean {
  if (!Number.isInteger(f.year) || !between(f.month, 1, 12) || !between(f.day, 1, daysInMonth(f.year, f.month))) return false;
  const hourOk = between(f.hour, 0, 23) || (f.hour === 24 && f.minute === 0 && f.second === 0 && f.millisecond === 0);
  return hourOk && between(f.minute, 0, 59) && between(f.second, 0, 59) && between(f.millisecond, 0, 999);
}

function between(n: number, lo: number, hi: number): boolean {
  return Number.isInteger(n) && n >= lo && n <= hi;
}
