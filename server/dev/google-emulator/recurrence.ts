import { DateTime } from 'luxon';
import * as rruleModule from 'rrule';
import type { EventDateTime } from './state.ts';

// rrule ships CommonJS for Node and ESM for bundlers; its named exports sit on `default` under Node's interop.
const rrule = ('RRule' in rruleModule ? rruleModule : (rruleModule as unknown as { default: typeof rruleModule }).default);
const { RRule, RRuleSet } = rrule;
type RRuleSetT = InstanceType<typeof RRuleSet>;

/**
 * Expands an event's RFC 5545 recurrence in the event's own time zone.
 *
 * rrule works on "floating" times: we hand it wall-clock times dressed as UTC,
 * and turn each occurrence back into an instant in the event's zone with luxon.
 * That is what keeps a 09:00 weekly meeting at 09:00 local across a DST change,
 * which is what Google does.
 */
export interface Occurrence {
  /** The instant (timed) or date (all-day) the occurrence starts at, before any exception moved it. */
  start: EventDateTime;
  end: EventDateTime;
  /** Google's instance id suffix: `20261201T140000Z` or `20261201`. */
  idSuffix: string;
  startMs: number;
  endMs: number;
}

export class RecurrenceError extends Error {}

export interface SeriesShape {
  start: EventDateTime;
  end: EventDateTime;
  recurrence: string[];
}

/** Occurrences whose [start, end) overlaps [fromMs, toMs), at most `limit` of them. */
export function expandOccurrences(series: SeriesShape, calendarTimeZone: string, fromMs: number, toMs: number, limit = 2500): Occurrence[] {
  const allDay = Boolean(series.start.date);
  const zone = allDay ? 'UTC' : (series.start.timeZone ?? calendarTimeZone);
  const startLocal = toLocal(series.start, zone);
  const endLocal = toLocal(series.end, zone);
  const durationMs = endLocal.toMillis() - startLocal.toMillis();
  const set = buildRuleSet(series.recurrence, startLocal, zone);
  // Widen the floating window by a day each side: local wall time differs from UTC by at most 14h.
  const dayMs = 86_400_000;
  const fromFloating = new Date(floatingMs(DateTime.fromMillis(fromMs - durationMs, { zone })) - dayMs);
  const toFloating = new Date(floatingMs(DateTime.fromMillis(toMs, { zone })) + dayMs);
  const out: Occurrence[] = [];
  for (const floating of set.between(fromFloating, toFloating, true)) {
    const occurrence = allDay ? allDayOccurrence(floating, durationMs) : timedOccurrence(floating, zone, durationMs, series);
    if (occurrence.endMs > fromMs && occurrence.startMs < toMs) out.push(occurrence);
    else if (durationMs === 0 && occurrence.startMs >= fromMs && occurrence.startMs < toMs) out.push(occurrence);
    if (out.length >= limit) break;
  }
  return out;
}

/** The occurrence a series has at exactly this original start, if any. */
export function occurrenceAt(series: SeriesShape, calendarTimeZone: string, idSuffix: string): Occurrence | undefined {
  const startMs = suffixToMs(idSuffix);
  if (startMs === null) return undefined;
  return expandOccurrences(series, calendarTimeZone, startMs - 1, startMs + 1, 10).find((o) => o.idSuffix === idSuffix);
}

/** Validates recurrence lines the way Google rejects them: "Invalid recurrence rule." */
export function validateRecurrence(lines: string[], start: EventDateTime, zone: string): void {
  buildRuleSet(lines, toLocal(start, start.date ? 'UTC' : zone), start.date ? 'UTC' : zone);
}

export function suffixToMs(idSuffix: string): number | null {
  const timed = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/.exec(idSuffix);
  if (timed) return Date.UTC(+timed[1]!, +timed[2]! - 1, +timed[3]!, +timed[4]!, +timed[5]!, +timed[6]!);
  const date = /^(\d{4})(\d{2})(\d{2})$/.exec(idSuffix);
  if (date) return Date.UTC(+date[1]!, +date[2]! - 1, +date[3]!);
  return null;
}

export function toLocal(value: EventDateTime, zone: string): DateTime {
  if (value.date) return DateTime.fromISO(value.date, { zone: 'UTC' });
  const dt = DateTime.fromISO(value.dateTime ?? '', { zone: value.timeZone ?? zone, setZone: false });
  return dt.setZone(zone);
}

function floatingMs(local: DateTime): number {
  return Date.UTC(local.year, local.month - 1, local.day, local.hour, local.minute, local.second);
}

function fromFloating(floating: Date, zone: string): DateTime {
  return DateTime.fromObject(
    {
      year: floating.getUTCFullYear(),
      month: floating.getUTCMonth() + 1,
      day: floating.getUTCDate(),
      hour: floating.getUTCHours(),
      minute: floating.getUTCMinutes(),
      second: floating.getUTCSeconds(),
    },
    { zone },
  );
}

function timedOccurrence(floating: Date, zone: string, durationMs: number, series: SeriesShape): Occurrence {
  const start = fromFloating(floating, zone);
  const end = start.plus({ milliseconds: durationMs });
  const startUtc = start.toUTC();
  return {
    start: { dateTime: start.toISO({ suppressMilliseconds: true })!, timeZone: series.start.timeZone ?? zone },
    end: { dateTime: end.toISO({ suppressMilliseconds: true })!, timeZone: series.end.timeZone ?? zone },
    idSuffix: startUtc.toFormat("yyyyMMdd'T'HHmmss'Z'"),
    startMs: start.toMillis(),
    endMs: end.toMillis(),
  };
}

function allDayOccurrence(floating: Date, durationMs: number): Occurrence {
  const start = DateTime.fromJSDate(floating, { zone: 'UTC' });
  const end = start.plus({ milliseconds: durationMs });
  return {
    start: { date: start.toISODate()! },
    end: { date: end.toISODate()! },
    idSuffix: start.toFormat('yyyyMMdd'),
    startMs: start.toMillis(),
    endMs: end.toMillis(),
  };
}

function buildRuleSet(lines: string[], startLocal: DateTime, zone: string): RRuleSetT {
  if (!startLocal.isValid) throw new RecurrenceError('Invalid start time');
  const set = new RRuleSet();
  const dtstart = new Date(floatingMs(startLocal));
  let rules = 0;
  for (const raw of lines) {
    const line = raw.trim();
    const colon = line.indexOf(':');
    if (colon < 0) throw new RecurrenceError(`Invalid recurrence line: ${line}`);
    const [name, ...params] = line.slice(0, colon).toUpperCase().split(';');
    const value = line.slice(colon + 1);
    if (name === 'RRULE' || name === 'EXRULE') {
      const options = parseRule(value, zone);
      const rule = new RRule({ ...options, dtstart });
      if (name === 'RRULE') {
        set.rrule(rule);
        rules++;
      } else set.exrule(rule);
    } else if (name === 'RDATE' || name === 'EXDATE') {
      const tzid = params.find((p) => p.startsWith('TZID='));
      const valueZone = tzid ? findZone(line) : zone;
      for (const item of value.split(',')) {
        const date = parseDateValue(item, valueZone, zone, startLocal);
        if (name === 'RDATE') set.rdate(date);
        else set.exdate(date);
      }
    } else {
      throw new RecurrenceError(`Unsupported recurrence property: ${name}`);
    }
  }
  if (rules === 0 && !lines.some((l) => /^RDATE/i.test(l.trim()))) throw new RecurrenceError('No RRULE or RDATE');
  // DTSTART itself is the first instance even when the rule would not produce it (RFC 5545 3.8.5.3, as Google does).
  set.rdate(dtstart);
  return set;
}

function parseRule(value: string, zone: string): ReturnType<typeof RRule.parseString> {
  let options: ReturnType<typeof RRule.parseString>;
  try {
    options = RRule.parseString(value);
  } catch (e) {
    throw new RecurrenceError(`Invalid RRULE: ${(e as Error).message}`);
  }
  if (options.freq === undefined) throw new RecurrenceError('RRULE without FREQ');
  if (options.count && options.until) throw new RecurrenceError('RRULE with both COUNT and UNTIL');
  const untilMatch = /UNTIL=([0-9TZ]+)/i.exec(value);
  if (untilMatch) {
    const raw = untilMatch[1]!;
    // UNTIL in UTC names an instant; make it the wall time in the event's zone to compare with floating times.
    if (raw.endsWith('Z')) {
      const instant = DateTime.fromFormat(raw, "yyyyMMdd'T'HHmmss'Z'", { zone: 'UTC' });
      if (!instant.isValid) throw new RecurrenceError('Invalid UNTIL');
      options.until = new Date(floatingMs(instant.setZone(zone)));
    } else if (/^\d{8}$/.test(raw)) {
      const day = DateTime.fromFormat(raw, 'yyyyMMdd', { zone: 'UTC' });
      options.until = new Date(day.endOf('day').toMillis());
    } else {
      const local = DateTime.fromFormat(raw, "yyyyMMdd'T'HHmmss", { zone: 'UTC' });
      if (!local.isValid) throw new RecurrenceError('Invalid UNTIL');
      options.until = new Date(local.toMillis());
    }
  }
  delete options.dtstart;
  delete options.tzid;
  return options;
}

function parseDateValue(item: string, valueZone: string, zone: string, startLocal: DateTime): Date {
  const v = item.trim();
  if (/^\d{8}$/.test(v)) {
    const d = DateTime.fromFormat(v, 'yyyyMMdd', { zone: 'UTC' });
    // A date-only EXDATE on a timed series means that day at the series' own time.
    return new Date(Date.UTC(d.year, d.month - 1, d.day, startLocal.hour, startLocal.minute, startLocal.second));
  }
  if (/^\d{8}T\d{6}Z$/.test(v)) {
    const instant = DateTime.fromFormat(v, "yyyyMMdd'T'HHmmss'Z'", { zone: 'UTC' });
    return new Date(floatingMs(instant.setZone(zone)));
  }
  if (/^\d{8}T\d{6}$/.test(v)) {
    const local = DateTime.fromFormat(v, "yyyyMMdd'T'HHmmss", { zone: valueZone });
    return new Date(floatingMs(local.setZone(zone)));
  }
  throw new RecurrenceError(`Invalid date value: ${v}`);
}

function findZone(line: string): string {
  // Parameters were upper-cased for matching; read the zone's original spelling from the line.
  const zone = /TZID=([^;:]+)/i.exec(line)?.[1] ?? '';
  if (!DateTime.local().setZone(zone).isValid) throw new RecurrenceError(`Unknown TZID ${zone}`);
  return zone;
}
