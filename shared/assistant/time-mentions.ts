import type { ParsedResult } from 'chrono-node';
import { CachedZone } from '../time/cached-zone.ts';
import { fixedOffset, ZonedTime, type OffsetSource } from '../time/zoned-time.ts';
import type { LanguagePack } from './language-pack.ts';
import { packGate } from './literal-gate.ts';

/**
 * Dates and times in a message, resolved in the user's IANA zone.
 *
 * chrono finds the expressions, but its own zone handling is weak (no IANA
 * names; "ET"/"PT" read as standard time in summer). So chrono parses against
 * a *floating* reference — a Date whose local fields are the user's wall clock
 * — and we read back the wall-clock fields and place them in the right zone
 * (ZonedTime, luxon's arithmetic without its cost). Our conventions (bare 1–7 is pm, "next Friday" is next week's,
 * parts of the day) are applied here too.
 */
export interface TimeMention {
  text: string;
  index: number;
  endIndex: number;
  start: ZonedTime;
  end: ZonedTime | null;
  /** The hour was said (or implied by "in 2 hours"). */
  hasTime: boolean;
  /** A day, date or weekday was said. */
  hasDate: boolean;
  /** "afternoon" etc.: the hours meant when no time was said. */
  partOfDay: { startHour: number; endHour: number } | null;
  zoneText: { text: string; index: number } | null;
}

export interface TimeContext {
  now: ZonedTime; // in the user's zone
  zone: OffsetSource;
  forwardDate: boolean;
}

/**
 * Whether chrono's offset came from the words ("3pm PST", "9am GMT+2", "10:00 +05:30"): for a relative time
 * ("in 1h", "ten minutes before") chrono stamps the offset of the server's own zone, which is no zone the user said.
 */
function namesAnOffset(said: string): boolean {
  return /\b[A-Z]{2,5}\b/.test(said) || /\b(?:gmt|utc)\b|\d\s*[+-]\d{1,2}(?::?\d{2})?\b|\dZ\b/i.test(said);
}

/** A Date whose *local* fields (in whatever zone this process runs) are the user's wall-clock time. */
function floatingReference(now: ZonedTime): Date {
  return new Date(now.year, now.month - 1, now.day, now.hour, now.minute, now.second);
}

export function findTimeMentions(pack: LanguagePack, text: string, lower: string, ctx: TimeContext, offset = 0): TimeMention[] {
  let results: ParsedResult[];
  try {
    const { chrono } = pack;
    const reference = { instant: floatingReference(ctx.now) };
    const option = { forwardDate: ctx.forwardDate };
    // A cued chrono is told which of its words occur by the gate's walk, which the other stages share.
    results = chrono.parseFound ? chrono.parseFound(text, packGate(pack).wordsIn(lower), reference, option) : chrono.parse(text, reference, option);
  } catch {
    return [];
  }
  const out: TimeMention[] = [];
  for (const r of results) {
    const mention = resolve(pack, r, lower, ctx, offset);
    if (mention) out.push(mention);
  }
  return out;
}

function resolve(pack: LanguagePack, r: ParsedResult, lower: string, ctx: TimeContext, offset: number): TimeMention | null {
  const s = r.start;
  // `lower` is the text chrono saw (maybe one side of "move X to Y"); positions reported are in the whole message.
  const index = r.index;
  const endIndex = index + r.text.length;
  const context = lower.slice(Math.max(0, index - 12), endIndex);
  const said = lower.slice(index, endIndex);
  const hasTime = s.isCertain('hour');
  const gate = packGate(pack);
  const weekday = namedWeekday(pack, said, lower);
  const hasDate = s.isCertain('day') || s.isCertain('weekday') || s.isCertain('month') || Boolean(weekday);

  // An explicit zone right after the time ("9am Tokyo time", "3pm ET") is read in that zone, DST included.
  const after = lower.slice(endIndex, endIndex + 24);
  // Right after the time, or after a "time of"/"heure de"/"hora de" that introduces it.
  const zoneWord = firstZone(pack, after, lower, (m) => m.index <= 2 || /^\s*(?:heure de|hora de|horário de|hora|uur|zeit|time in|in)\s+$/.test(after.slice(0, m.index)));
  const inside = zoneWord ? null : firstZone(pack, said, lower, () => true);
  const zoneHit = zoneWord ?? inside;
  const zone = zoneHit
    ? CachedZone.of(zoneHit.z.zone)
    : s.isCertain('timezoneOffset') && namesAnOffset(r.text)
      ? fixedOffset(s.get('timezoneOffset') ?? 0)
      : ctx.zone;

  let hour = s.get('hour') ?? 0;
  // Convention: a bare hour from 1 to 7 ("at 3") means the afternoon; nobody books 3 am by saying "3".
  if (hasTime && !s.isCertain('meridiem') && hour >= 1 && hour <= 7) hour += 12;

  const chronoDate = ZonedTime.fromWall({ year: s.get('year')!, month: s.get('month')!, day: s.get('day')! }, ctx.zone);
  // No such day (chrono has not been seen to give one): a mention without a day is no mention.
  if (!chronoDate) return null;
  let date: ZonedTime = chronoDate;
  // Our week conventions win over chrono's where a weekday was named ("next Sunday" is next week's, not this week's).
  // chrono sometimes drops a weekday it saw ("date night saturday"); the name in the text decides.
  if (weekday && (!s.isCertain('day') || (gate.mayMatch(pack.next, lower) && pack.next.test(context)) || (gate.mayMatch(pack.this, lower) && pack.this.test(context)))) {
    date = weekdayDate(pack, weekday.weekday, lower.slice(Math.max(0, index - 10), endIndex), lower, ctx);
  }
  else if (!hasDate && hasTime && ctx.forwardDate) date = ctx.now.startOfDay();

  const partOfDay = hasTime || !gate.anyMayMatch(pack.partsOfDay, lower, context) ? null : (pack.partsOfDay.find((p) => gate.mayMatch(p.pattern, lower) && p.pattern.test(context)) ?? null);
  const placed = place(date, hasTime ? hour : 0, hasTime ? (s.get('minute') ?? 0) : 0, zone, ctx.zone);
  if (!placed) return null;
  let start = placed;
  // "in 2 hours" is an amount of real time from now, which floating arithmetic gets wrong across a DST change.
  const relative = gate.mayMatch(pack.relativeIn, lower) ? pack.relativeIn.exec(lower.slice(index, endIndex + 2)) : null;
  if (relative) {
    const minutes = amountOf(pack, relative[1]!) * unitMinutes(pack, relative[2]!);
    start = ctx.now.plusMinutes(minutes);
    if (minutes % 1440 === 0) start = start.startOfDay();
  }
  if (hasTime && !hasDate && !relative && ctx.forwardDate && start < ctx.now) start = start.plusDays(1);

  let end: ZonedTime | null = null;
  if (r.end) {
    const e = r.end;
    let endHour = e.get('hour') ?? 0;
    if (e.isCertain('hour') && !e.isCertain('meridiem') && endHour >= 1 && endHour <= 7) endHour += 12;
    // Where our conventions moved the start's day from chrono's ("friday 14:00-15:30" said on a Friday is next
    // week's), the end's day moves with it.
    const movedDays = date.calendarDaysSince(chronoDate);
    const endDay = e.isCertain('day') || e.isCertain('weekday') ? ZonedTime.fromWall({ year: e.get('year')!, month: e.get('month')!, day: e.get('day')! }, ctx.zone)?.plusDays(movedDays) : start;
    const placedEnd = endDay ? place(endDay, e.isCertain('hour') ? endHour : 0, e.isCertain('hour') ? (e.get('minute') ?? 0) : 0, zone, ctx.zone) : null;
    if (!placedEnd) return null;
    end = placedEnd;
    // "11pm to 1am" ends the next day; an end day without an hour means the whole of that day.
    if (e.isCertain('hour') && end <= start) end = end.plusDays(1);
    else if (!e.isCertain('hour') && end <= start) end = end.startOfDay().plusDays(1);
  }
  return {
    text: said,
    index: index + offset,
    endIndex: endIndex + offset,
    start,
    end,
    hasTime: hasTime || Boolean(relative),
    hasDate: hasDate || Boolean(relative),
    partOfDay: partOfDay ? { startHour: partOfDay.startHour, endHour: partOfDay.endHour } : null,
    zoneText: zoneWord?.m ? { text: zoneWord.m[0], index: endIndex + offset + zoneWord.m.index } : null,
  };
}

/** A day's wall-clock time read in the zone said (or the user's), seen in the user's zone. */
function place(day: ZonedTime, hour: number, minute: number, said: OffsetSource, user: OffsetSource): ZonedTime | null {
  return ZonedTime.fromWall({ year: day.year, month: day.month, day: day.day, hour, minute, second: 0 }, said)?.setZone(user) ?? null;
}

/** The first of the pack's zone words found in `text` (a part of `message`) whose match `accept`s (most messages name none). */
function firstZone(pack: LanguagePack, text: string, message: string, accept: (m: RegExpExecArray) => boolean): { z: LanguagePack['zones'][number]; m: RegExpExecArray } | null {
  const gate = packGate(pack);
  if (!gate.anyMayMatch(pack.zones, message, text)) return null;
  for (const z of pack.zones) {
    if (!gate.mayMatch(z.pattern, message)) continue;
    const m = z.pattern.exec(text);
    if (m && accept(m)) return { z, m };
  }
  return null;
}

/**
 * Weeks start on Monday. "next Friday" is the Friday of next week; "this Friday"
 * the one in the current week; a bare "Friday" the next Friday after today.
 */
function weekdayDate(pack: LanguagePack, weekday: number, before: string, message: string, ctx: TimeContext): ZonedTime {
  const today = ctx.now.startOfDay();
  const gate = packGate(pack);
  if (gate.mayMatch(pack.next, message) && pack.next.test(before)) return today.startOfWeek().plusDays(7 + weekday - 1);
  if (gate.mayMatch(pack.this, message) && pack.this.test(before)) return today.startOfWeek().plusDays(weekday - 1);
  const ahead = (weekday - today.weekday + 7) % 7 || 7;
  return today.plusDays(ahead);
}

export function amountOf(pack: LanguagePack, word: string): number {
  const n = Number(word.replace(',', '.'));
  if (Number.isFinite(n)) return n;
  return pack.amountWords[word.trim()] ?? 1;
}

export function unitMinutes(pack: LanguagePack, unit: string): number {
  return pack.unitMinutes.find((u) => u.pattern.test(unit.trim()))?.minutes ?? 1;
}

/** The first of the pack's weekdays named in `text` (a part of `message`, or all of it), if any. */
export function namedWeekday(pack: LanguagePack, text: string, message: string = text): LanguagePack['weekdays'][number] | undefined {
  const gate = packGate(pack);
  return gate.anyMayMatch(pack.weekdays, message, text) ? pack.weekdays.find((d) => gate.mayMatch(d.pattern, message) && d.pattern.test(text)) : undefined;
}
