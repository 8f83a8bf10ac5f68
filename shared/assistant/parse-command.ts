import { classifyIntent, type CoarseModel } from './classify-intent.ts';
import { detectLanguage } from './detect-language.ts';
import { findDuration, findEmails, findLocation, findPeople, findRecurrence, findScope, findShift, leftover, type Span } from './extract-slots.ts';
import type { Evidence, Intent, LanguageCode } from './intent-schema.ts';
import type { LanguagePack } from './language-pack.ts';
import { packFor } from './languages/index.ts';
import { firstOccurrence } from './first-occurrence.ts';
import { findTimeMentions, type TimeMention } from './time-mentions.ts';
import { allMatches, compiled, composed } from './compiled.ts';
import { packGate } from './literal-gate.ts';
import { withoutLastWordOf, withoutTrailingWord } from './trailing-word.ts';
import { isAscii, lowerSameLength, nfkc, singleSpaced } from './message-text.ts';
import { CachedZone } from '../time/cached-zone.ts';
import { ZonedTime } from '../time/zoned-time.ts';

export const DEFAULT_EVENT_MINUTES = 60;
export const DEFAULT_AVAILABILITY_MINUTES = 30;
const MAX_INPUT = 1000;

export interface ParseOptions {
  now: string | Date;
  timeZone: string;
  /** Skip detection when the user's language is known. */
  language?: LanguageCode;
  /** The statistical intent model (English); rules alone without it. */
  model?: CoarseModel;
}

/**
 * What a message says besides what it wants: times, a length, a shift, guests, a week, and whether it repeats
 * (asked here only where the times leave it open whether the message names a time; a creation asks later).
 */
function findSlots(pack: LanguagePack, text: string, lower: string, now: ZonedTime) {
  const duration = findDuration(pack, lower);
  const shift = findShift(pack, lower);
  const emails = findEmails(text);
  const week = findWeek(pack, lower, now);
  const blocked = [duration, shift, week].filter(Boolean).map((f) => ({ index: f!.evidence.start, end: f!.evidence.end }));
  const mentions = rankMentions(findTimeMentions(pack, text, lower, { now, zone: now.zone, forwardDate: true }).filter((m) => !blocked.some((b) => m.index < b.end && m.endIndex > b.index)));
  const recurrence = mentions.length ? undefined : findRecurrence(pack, lower);
  return { duration, recurrence, shift, emails, week, mentions };
}

/**
 * Whether an English message names a day, a time or a repetition, as the classifier is told (a bare note
 * with one is a creation): the model's training asks it so that cross-validation scores the parser as it runs.
 */
export function mentionsTimeInEnglish(input: string, now: Date, timeZone: string): boolean {
  const text = singleSpaced(nfkc(input)).slice(0, MAX_INPUT);
  const { recurrence, mentions } = findSlots(packFor('en'), text, lowerSameLength(text), ZonedTime.at(now.valueOf(), CachedZone.of(timeZone)));
  return mentions.length > 0 || Boolean(recurrence);
}

/**
 * Message → intent, as a pipeline of small stages: normalise, detect the
 * language, find times and slots, classify, then assemble the intent for its
 * kind. Pure: the same message, now and zone give the same intent.
 */
export function parseCommand(input: string, options: ParseOptions): Intent {
  const zoneObject = CachedZone.of(options.timeZone);
  if (!zoneObject.isValid) throw new RangeError(`unknown time zone ${options.timeZone}`);
  const nowTs = options.now instanceof Date ? options.now.valueOf() : new Date(options.now).valueOf();
  if (Number.isNaN(nowTs)) throw new RangeError(`invalid now or time zone (${String(options.now)}, ${options.timeZone})`);
  const now = ZonedTime.at(nowTs, zoneObject);
  // ASCII (most messages) is its own NFKC and lower-cases letter for letter: one test instead of one per step.
  const ascii = isAscii(input);
  const text = singleSpaced(ascii ? input : nfkc(input)).slice(0, MAX_INPUT);
  const lower = ascii ? text.toLowerCase() : lowerSameLength(text);
  const language = options.language ?? detectLanguage(lower, ascii);
  const pack = packFor(language);
  const zone = options.timeZone;
  const evidence: Evidence[] = [];
  const used: Span[] = [];
  // Bound rather than a closure: under tsx every named closure made per message is also named at run time.
  const use: UseFn = record.bind(null, evidence, used);

  const { duration, recurrence: maybeRecurrence, shift, emails, week, mentions } = findSlots(pack, text, lower, now);
  const classified = classifyIntent(pack, lower, mentions.length > 0 || Boolean(maybeRecurrence), options.model);
  use(classified.evidence);

  let intent: Intent;
  switch (classified.intent) {
    case 'create_event': {
      const recurrence = maybeRecurrence === undefined ? findRecurrence(pack, lower) : maybeRecurrence;
      use(duration?.evidence);
      use(recurrence?.evidence);
      for (const e of emails) use(e.evidence);
      const first = mentions[0];
      if (first) use({ text: first.text, start: first.index, end: first.endIndex, role: first.hasTime ? 'start' : 'date' });
      if (first?.zoneText) use({ text: first.zoneText.text, start: first.zoneText.index, end: first.zoneText.index + first.zoneText.text.length, role: 'timezone' });
      const minutes = duration?.value ?? DEFAULT_EVENT_MINUTES;
      const when = createTimes(pack, lower, first, recurrence?.value ?? null, now, minutes, used, use);
      const people = findPeople(pack, text, lower, used);
      const location = findLocation(pack, text, used);
      for (const p of people) use(p.evidence);
      use(location?.evidence);
      const titleSpan = leftover(pack, text, people.length ? used.filter((s) => !people.some((p) => p.evidence.start === s.index)) : used);
      const title = titleSpan ? titleCase(withNames(pack, titleSpan.text, emails.map((e) => e.value))) : undefined;
      if (titleSpan) evidence.push({ text: titleSpan.text, start: titleSpan.start, end: titleSpan.end, role: 'title' });
      // Built field by field in the schema's order: object spreads were a tenth of the parse.
      const event = {} as NonNullable<Intent['event']>;
      if (title) event.title = title;
      Object.assign(event, when.event);
      event.allDay = when.event.allDay ?? false;
      event.timeZone = zone;
      event.attendees = emails.map((e) => e.value);
      event.people = people.map((p) => p.value);
      if (location) event.location = location.value;
      event.recurrence = recurrence ? [recurrence.value] : [];
      const range = when.range ?? (week && !event.start && !event.startDate ? week.value : undefined);
      intent = { intent: 'create_event', event } as Intent;
      if (range) intent.range = range;
      intent.durationMinutes = minutes;
      break;
    }
    case 'modify_event': {
      const scope = findScope(pack, lower);
      const { target, changes } = modifyParts(pack, text, lower, mentions, now, zone, { duration, shift, scope, emails }, use, used);
      intent = { intent: 'modify_event', target, changes } as Intent;
      break;
    }
    case 'cancel_event': {
      const scope = findScope(pack, lower);
      use(scope?.evidence);
      // "clear my schedule next week": a week is kept out of the mentions, so with no other time it is where to look.
      const inWeek = week && mentions.length === 0 ? week : null;
      use(inWeek?.evidence);
      const target = targetOf(pack, text, mentions, used, use, zone);
      if (inWeek) target!.range = inWeek.value;
      intent = { intent: 'cancel_event', target } as Intent;
      if (scope) intent.changes = { scope: scope.value };
      break;
    }
    case 'show_availability':
    case 'list_events': {
      use(duration?.evidence);
      use(week?.evidence);
      const first = mentions[0];
      if (first) use({ text: first.text, start: first.index, end: first.endIndex, role: 'range' });
      const range = week?.value ?? (first ? (first.hasTime && !first.partOfDay ? { start: iso(first.start), end: iso(first.end ?? first.start.plusMinutes(60)) } : dayRange(first)) : defaultRange(classified.intent, now));
      const rest = leftover(pack, text, used);
      intent = { intent: classified.intent, range } as Intent;
      if (classified.intent === 'show_availability') intent.durationMinutes = duration?.value ?? DEFAULT_AVAILABILITY_MINUTES;
      if (rest && classified.intent === 'list_events' && !isGeneric(rest.text)) intent.query = rest.text;
      break;
    }
    default:
      intent = { intent: 'unknown' } as Intent;
  }
  intent.language = language;
  intent.confidence = classified.confidence;
  intent.evidence = evidence;
  // The shape is the schema's by construction (the types say so, and the property tests parse every output with
  // intentSchema); parsing it again here took a tenth of the parser's time.
  return intent;
}

type UseFn = (e: Evidence | null | undefined) => void;

function record(evidence: Evidence[], used: Span[], e: Evidence | null | undefined): void {
  if (!e) return;
  evidence.push(e);
  // A scope phrase ("every standup") names the event too: it is evidence, but its words stay for the query.
  if (e.role !== 'scope') used.push({ index: e.start, end: e.end });
}

type EventTimes = { event: Partial<Pick<NonNullable<Intent['event']>, 'start' | 'end' | 'allDay' | 'startDate' | 'endDate'>>; range?: Intent['range'] };

/** When a new event happens: a time, an all-day span, the first day of a series, or an open window to propose slots in. */
function createTimes(pack: LanguagePack, lower: string, first: TimeMention | undefined, rule: string | null, now: ZonedTime, minutes: number, used: Span[], use: UseFn): EventTimes {
  const bare = first?.hasTime ? null : bareTimeOf(pack, lower, used);
  if (bare) use(bare.evidence);
  const length = first?.end && first.end > first.start && first.hasTime ? (first.end.ts - first.start.ts) / 60_000 : minutes;
  if (rule && (first?.hasTime || bare)) {
    // A series starts on the first day its rule produces after now, at the time said.
    const at = first?.hasTime ? first.start : now.with({ hour: bare!.hour, minute: bare!.minute });
    const from = first?.hasDate ? first.start.startOfDay() : now;
    const start = firstOccurrence(rule, from, at.hour, at.minute);
    if (start) return { event: { start: iso(start), end: iso(start.plusMinutes(length)) } };
  }
  if (bare) {
    let start = (first?.hasDate ? first.start : now).with({ hour: bare.hour, minute: bare.minute, second: 0, millisecond: 0 });
    if (!first?.hasDate && start < now) start = start.plusDays(1);
    return { event: { start: iso(start), end: iso(start.plusMinutes(minutes)) } };
  }
  if (first?.hasTime) return { event: { start: iso(first.start), end: iso(first.start.plusMinutes(length)) } };
  const allDay = gatedExec(pack, pack.allDay, lower);
  if (allDay) use({ text: allDay[0], start: allDay.index, end: allDay.index + allDay[0].length, role: 'date' });
  if (first && (first.end || allDay)) {
    // A span of dates without times ("Dec 8 to Dec 10") is an all-day event; the end date is exclusive.
    return { event: { allDay: true, startDate: first.start.toISODate(), endDate: (first.end ?? first.start).plusDays(1).toISODate() } };
  }
  if (first) return { event: {}, range: dayRange(first) };
  return { event: {} };
}

/** The first match of one of the pack's patterns in the whole (lower-cased) message, where the literal gate lets it scan. */
function gatedExec(pack: LanguagePack, pattern: RegExp, lower: string): RegExpExecArray | null {
  return packGate(pack).mayMatch(pattern, lower) ? compiled(pattern, '').exec(lower) : null;
}

/** "at 10" that chrono left alone; bare 1–7 means pm. */
function bareTimeOf(pack: LanguagePack, lower: string, used: Span[]): { hour: number; minute: number; evidence: Evidence } | null {
  const m = gatedExec(pack, pack.bareTime, lower);
  if (!m || used.some((s) => m.index < s.end && m.index + m[0].length > s.index)) return null;
  let hour = Number(m[1]);
  const meridiem = m[3]?.replaceAll('.', '');
  if (meridiem === 'pm' && hour < 12) hour += 12;
  else if (meridiem === 'am' && hour === 12) hour = 0;
  else if (!meridiem && hour >= 1 && hour <= 7) hour += 12;
  if (hour > 23) return null;
  return { hour, minute: Number(m[2] ?? 0), evidence: { text: m[0], start: m.index, end: m.index + m[0].length, role: 'time' } };
}

function modifyParts(
  pack: LanguagePack,
  text: string,
  lower: string,
  mentions: TimeMention[],
  now: ZonedTime,
  zone: string,
  found: { duration: ReturnType<typeof findDuration>; shift: ReturnType<typeof findShift>; scope: ReturnType<typeof findScope>; emails: ReturnType<typeof findEmails> },
  use: UseFn,
  used: Span[],
): Pick<Intent, 'target' | 'changes'> {
  const gate = packGate(pack);
  const connectors = gate.mayMatch(pack.changeConnector, lower) ? allMatches(compiled(pack.changeConnector, 'g'), lower).filter((m) => m.index! > 0) : [];
  const split = connectors.at(-1);
  const cut = split ? split.index! : lower.length;
  const changes: NonNullable<Intent['changes']> = {};
  use(found.scope?.evidence);
  if (found.scope) changes.scope = found.scope.value;
  if (found.shift) {
    use(found.shift.evidence);
    changes.shiftMinutes = found.shift.value;
  }
  if (found.emails.length) {
    for (const e of found.emails) use(e.evidence);
    changes.addAttendees = found.emails.map((e) => e.value);
  }
  const rename = gatedExec(pack, pack.rename, lower);
  if (rename) {
    // The new title is what follows the connector ("rename X to Y") or the verb ("call it Y"), as typed.
    const from = split && split.index! > rename.index ? cut + split[0].length : rename.index + rename[0].length;
    const rest = text.slice(from);
    const verb = pack.renameEnd ? compiled(pack.renameEnd, '').exec(rest) : null;
    const title = (verb ? rest.slice(0, verb.index) : rest).replace(/^["“\s]+|["”\s.!]+$/g, '');
    if (title) {
      use({ text: title, start: from + text.slice(from).indexOf(title), end: from + text.slice(from).indexOf(title) + title.length, role: 'change' });
      changes.title = title;
    }
  }
  // "move my 3pm to Friday": re-read each side on its own, so "3pm to Friday" is not taken for a range.
  const targetText = text.slice(0, cut);
  const targetMentions = split ? findTimeMentions(pack, targetText, lower.slice(0, cut), { now, zone: now.zone, forwardDate: false }) : mentions.filter((m) => !found.shift || m.endIndex <= found.shift.evidence.start);
  const changeStart = split ? cut + split[0].length : lower.length;
  const changeMentions = split ? findTimeMentions(pack, text.slice(changeStart), lower.slice(changeStart), { now, zone: now.zone, forwardDate: true }, changeStart) : [];
  const targetMention = targetMentions[0];
  const changeMention = changeMentions[0];
  // "add bob@x.com to the kickoff": what follows "to" is the event, not a new value.
  const targetAfter = Boolean(split) && !changeMention && !changes.title && found.emails.length > 0;
  if (changeMention) {
    use({ text: changeMention.text, start: changeMention.index, end: changeMention.endIndex, role: 'change' });
    if (changeMention.hasTime) {
      let start = changeMention.start;
      // "move my 3pm tomorrow to 4:30" on the target's day; with no day anywhere, on the event's own day.
      if (!changeMention.hasDate && targetMention?.hasDate) start = targetMention.start.with({ hour: start.hour, minute: start.minute });
      if (!changeMention.hasDate && !targetMention?.hasDate) changes.time = start.clockTime();
      else changes.start = iso(start);
      if (changeMention.end && (changeMention.hasDate || targetMention?.hasDate)) changes.end = iso(changeMention.end);
    } else {
      changes.date = changeMention.start.toISODate();
      if (targetMention?.hasTime) changes.start = iso(changeMention.start.with({ hour: targetMention.start.hour, minute: targetMention.start.minute }));
    }
  } else if (split && !targetAfter && !changes.title) {
    // "move it to 2": a bare hour after the connector.
    const bare = /^\s*(\d{1,2})(?::(\d{2}))?\s*(am|pm)?\b/.exec(lower.slice(changeStart));
    if (bare) {
      let hour = Number(bare[1]);
      if (bare[3] === 'pm' && hour < 12) hour += 12;
      else if (!bare[3] && hour >= 1 && hour <= 7) hour += 12;
      if (hour <= 23) {
        const minute = Number(bare[2] ?? 0);
        if (targetMention?.hasDate) changes.start = iso(targetMention.start.with({ hour, minute, second: 0, millisecond: 0 }));
        else changes.time = `${String(hour).padStart(2, '0')}:${String(minute).padStart(2, '0')}`;
        use({ text: bare[0].trim(), start: changeStart + bare.index + (bare[0].length - bare[0].trimStart().length), end: changeStart + bare[0].length, role: 'change' });
      }
    }
  }
  if (found.duration && !found.shift) {
    use(found.duration.evidence);
    changes.durationMinutes = found.duration.value;
  }
  const target = targetAfter
    ? targetOf(pack, text, [], used, use, zone, (s) => s.index >= changeStart || s.index < cut)
    : targetOf(pack, targetText, targetMentions, used, use, zone, (s) => s.index < cut);
  if (targetAfter && target?.query) target.query = target.query.replace(/^(?:(?:add|invite|to)\s+)+/, '');
  return { target, changes };
}

function targetOf(pack: LanguagePack, text: string, mentions: TimeMention[], used: Span[], use: UseFn, _zone: string, keep: (s: Span) => boolean = () => true): Intent['target'] {
  const target: NonNullable<Intent['target']> = {};
  const m = mentions[0];
  if (m) {
    const e: Evidence = { text: m.text, start: m.index, end: m.endIndex, role: 'target' };
    use(e);
    used.push({ index: m.index, end: m.endIndex });
    if (m.hasTime && !m.partOfDay) target.start = iso(m.start);
    else target.range = dayRange(m);
  }
  const rest = leftover(pack, text, used.filter(keep));
  if (rest && !/^(?:(?:events?|calendar|appointments?|it|that|this|one|thing)\s*)+$/.test(rest.text.toLowerCase())) {
    target.query = rest.text;
    use({ text: rest.text, start: rest.start, end: rest.end, role: 'query' });
  }
  return target;
}

/** With no time said, a listing is for today and a search for free time for the coming week. */
function defaultRange(intent: 'list_events' | 'show_availability', now: ZonedTime): { start: string; end: string } {
  if (intent === 'show_availability') return { start: iso(now), end: iso(now.plusDays(7)) };
  const today = now.startOfDay();
  return { start: iso(today), end: iso(today.plusDays(1)) };
}

/** The day a mention names, or the part of it ("Thursday afternoon"). */
function dayRange(m: TimeMention): { start: string; end: string } {
  const day = m.start.startOfDay();
  if (m.partOfDay) return { start: iso(day.with({ hour: m.partOfDay.startHour })), end: iso(day.with({ hour: m.partOfDay.endHour })) };
  const last = m.end ? m.end.startOfDay() : day;
  return { start: iso(day), end: iso(last.plusDays(1)) };
}

/** "next week" is next Monday to Sunday; "this week" the current one. */
function findWeek(pack: LanguagePack, lower: string, now: ZonedTime): { value: { start: string; end: string }; evidence: Evidence } | null {
  // Both patterns end in the pack's week: a message without the word (most) needs neither scan.
  if (!packGate(pack).mayMatch(pack.week, lower) || !compiled(pack.week, '').test(lower)) return null;
  for (const [which, pattern] of [['next', pack.next], ['this', pack.this]] as const) {
    const m = composed(pack, `${which} week`, () => new RegExp(`(?:${pattern.source})\\s*(?:${pack.week.source})`)).exec(lower);
    if (!m) continue;
    const monday = now.startOfWeek().plusDays(which === 'next' ? 7 : 0);
    const start = which === 'this' && now > monday ? now : monday;
    return { value: { start: iso(start), end: iso(monday.plusDays(7)) }, evidence: { text: m[0], start: m.index, end: m.index + m[0].length, role: 'range' } };
  }
  return null;
}

/**
 * The mention that says most comes first: a day and a time, then a time, then a day ("date night saturday at 7pm").
 * A day and a time said apart ("tomorrow … at 2pm") are one moment.
 */
function rankMentions(mentions: TimeMention[]): TimeMention[] {
  const ranked = mentions.length < 2 ? mentions : [...mentions].sort((a, b) => saysMost(b) - saysMost(a) || a.index - b.index);
  const time = ranked[0];
  const day = ranked.find((m) => m.hasDate && !m.hasTime && !m.end);
  if (time && day && time.hasTime && !time.hasDate && !time.partOfDay) {
    const start = day.start.with({ hour: time.start.hour, minute: time.start.minute });
    const end = time.end ? start.plusMillis(time.end.ts - time.start.ts) : null;
    ranked[0] = { ...time, start, end, hasDate: true };
  }
  return ranked;
}

function saysMost(m: TimeMention): number {
  return (m.hasTime ? 2 : 0) + (m.hasDate ? 1 : 0);
}

const GENERIC = /^(?:(?:calendar|schedule|events?|meetings?|appointments?|plans?|day|agenda|anything|something|i|am|do|have|what|s|is|on|free|busy|time)\s*)+$/;
function isGeneric(s: string): boolean {
  return GENERIC.test(s.toLowerCase());
}

/** An email-only guest still reads well in the title: "Lunch" with anna@x.com → "Lunch with Anna", in the message's language. */
function withNames(pack: LanguagePack, raw: string, emails: string[]): string {
  const word = withWordOf(pack);
  const title = (word !== null ? withoutTrailingWord(raw, word) : raw.replace(composed(pack, 'trailing with', () => new RegExp(`\\s*(?:${pack.withWord.source})\\s*$`)), '')).trim();
  if (!emails.length) return title;
  const names = emails.map((e) => e.split('@')[0]!.split(/[._-]/)[0]!).map((n) => n[0]!.toUpperCase() + n.slice(1));
  // A title that already names someone ("lunch with Anna") stays as it is.
  return pack.withWord.test(title.toLowerCase()) ? title : pack.withPeople(title, names);
}

const withWords = new WeakMap<LanguagePack, string | null>();

/** The pack's "with" as a word (its withWord is `\bwith\b`), or null where the pattern is something else. */
function withWordOf(pack: LanguagePack): string | null {
  let word = withWords.get(pack);
  if (word === undefined) withWords.set(pack, (word = /^\\b([a-z]+)\\b$/.exec(pack.withWord.source)?.[1] ?? null));
  return word;
}

/** Every language's "with", left dangling at the end of a title. */
const TRAILING_WITH = new Set(['with', 'mit', 'avec', 'con', 'com', 'met', 'と']);

function titleCase(s: string): string {
  const t = withoutLastWordOf(s, TRAILING_WITH).trim();
  return t ? t[0]!.toUpperCase() + t.slice(1) : t;
}

function iso(d: ZonedTime): string {
  return d.toISO();
}
