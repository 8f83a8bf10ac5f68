import { DateTime } from 'luxon';
import { detectLanguage } from '../assistant/detect-language.ts';
import type { Intent, LanguageCode } from '../assistant/intent-schema.ts';
import { DEFAULT_EVENT_MINUTES, parseCommand } from '../assistant/parse-command.ts';
import { cleanLine, cleanText, type EventCandidate } from './event-candidate.ts';

const MAX_SENTENCES = 30;
const MAX_EVENTS = 5;
const MAX_TITLE = 100;

export interface TextOptions {
  now: Date | string;
  timeZone: string;
  language?: LanguageCode;
  pageUrl?: string;
}

/**
 * Events in plain text, read by the assistant's parser one sentence at a
 * time: each sentence that names a day (with or without a time) and parses as
 * a creation is a candidate, in the order written. A short line before it
 * ("Winter Social") is its title; a time in the next sentence ("Doors open at
 * 6pm") completes a day without one. Less sure than structured data.
 */
export function extractTextEvents(text: string, options: TextOptions): EventCandidate[] {
  const lines = text.normalize('NFKC').split(/\r?\n/).map((line) => line.replace(/\s+/g, ' ').trim()).filter(Boolean);
  const sentences = lines.flatMap((line, lineIndex) => splitSentences(line).map((sentence) => ({ sentence, lineIndex }))).slice(0, MAX_SENTENCES);
  const language = options.language ?? detectLanguage(lines.join(' ').toLowerCase());
  const now = DateTime.fromJSDate(new Date(options.now), { zone: options.timeZone });
  const description = cleanText(lines.join('\n'));
  const candidates: EventCandidate[] = [];
  for (let i = 0; i < sentences.length && candidates.length < MAX_EVENTS; i += 1) {
    const { sentence, lineIndex } = sentences[i]!;
    let reading = readSentence(sentence, options, language);
    if (!reading || reading.timeOnly) continue;
    const next = sentences[i + 1];
    if (!reading.event.start && next) {
      // "Saturday, December 12. Doors open at 6pm.": the day and its time in neighbouring sentences.
      const joined = readSentence(`${sentence} ${next.sentence}`, options, language);
      // The title is the first sentence's: in the joined reading the day's words are left over as title.
      if (joined?.event.start && joined.event.start.slice(0, 10) === reading.event.startDate) reading = { ...joined, sentence, event: { ...joined.event, title: reading.event.title } };
    }
    const candidate = candidateOf(reading, headingBefore(lines, lineIndex), now, { ...options, description });
    if (candidate) candidates.push(candidate);
  }
  return candidates;
}

/** A German day before its month ("am 12. Dezember") is an ordinal, not a sentence end. */
const ORDINAL_MONTH = /^(?:jan|feb|mär|mar|apr|mai|jun|jul|aug|sep|okt|nov|dez)/i;
const ABBREVIATION = /(?:^|\s)(?:Dr|Mr|Mrs|Ms|Prof|St|Nr|Str|ca|bzw|vs|Mme|Mlle|Sr|Sra)\.$/;

/** Sentences of a line: an end follows a word, not an initial ("A. Weber"), a title ("Dr.") or a German day before its month. */
function splitSentences(line: string): string[] {
  return line
    .split(/(?<=[^\s.][^\s.][.!?]|[!?])\s+(?=\S)/)
    .reduce<string[]>((sentences, part) => {
      const last = sentences.at(-1);
      const continues = last && ((/\d\.$/.test(last) && ORDINAL_MONTH.test(part)) || ABBREVIATION.test(last));
      if (continues) sentences[sentences.length - 1] = `${last} ${part}`;
      else sentences.push(part);
      return sentences;
    }, [])
    .map((s) => s.trim())
    .filter(Boolean);
}

interface Reading {
  sentence: string;
  event: { title?: string; start?: string; end?: string; startDate?: string; endDate?: string; location?: string };
  explicitEnd: boolean;
  timeOnly: boolean;
  venueSpan?: string;
  confidence: number;
}

const TIME_ONLY = /^(?:at|um|à|a las|om|às)?\s*\d{1,2}(?:[:.h]\d{2})?\s*(?:am|pm|a\.m\.|p\.m\.|uhr|h)?$/i;

function readSentence(sentence: string, options: TextOptions, language: LanguageCode): Reading | null {
  let intent: Intent;
  try {
    intent = parseCommand(sentence, { now: options.now, timeZone: options.timeZone, language });
  } catch {
    return null;
  }
  const when = intent.evidence.find((e) => e.role === 'start' || e.role === 'date');
  if (intent.intent !== 'create_event' || !intent.event || !when) return null;
  const event = intent.event;
  const times = event.start
    ? { start: event.start, end: event.end }
    : event.allDay && event.startDate
      ? { startDate: event.startDate, endDate: event.endDate }
      : dayOf(intent.range);
  if (!times) return null;
  const explicitEnd = intent.evidence.some((e) => e.role === 'duration') || (event.start && event.end ? DateTime.fromISO(event.end).diff(DateTime.fromISO(event.start), 'minutes').minutes !== DEFAULT_EVENT_MINUTES : false);
  const venue = event.location ? undefined : venueIn(sentence, intent.evidence);
  return {
    sentence,
    event: { title: event.title, ...times, location: event.location ?? venue },
    explicitEnd,
    // "Doors open at 6pm" lands on today or tomorrow by itself; a day said elsewhere in the sentence moves it.
    timeOnly: TIME_ONLY.test(when.text.trim()) && Boolean(event.start) && isTodayOrTomorrow(event.start!, options),
    ...(venue ? { venueSpan: venue } : {}),
    confidence: intent.confidence,
  };
}

function isTodayOrTomorrow(start: string, options: TextOptions): boolean {
  const today = DateTime.fromJSDate(new Date(options.now), { zone: options.timeZone }).startOf('day');
  const day = DateTime.fromISO(start, { zone: options.timeZone }).startOf('day');
  return day.equals(today) || day.equals(today.plus({ days: 1 }));
}

/**
 * A day the parser left open ("December 12") is an all-day event on it (by
 * the calendar, so a day of 23 or 25 hours is still one); a part of a day
 * ("tomorrow morning") starts when it does; a week is no event.
 */
function dayOf(range: Intent['range']): { startDate?: string; endDate?: string; start?: string } | null {
  if (!range) return null;
  const start = DateTime.fromISO(range.start, { setZone: true });
  const end = DateTime.fromISO(range.end, { setZone: true });
  const midnights = start.toFormat('HH:mm') === '00:00' && end.toFormat('HH:mm') === '00:00';
  if (midnights && start.plus({ days: 1 }).toISODate() === end.toISODate()) return { startDate: start.toISODate()!, endDate: end.toISODate()! };
  return !midnights && end.diff(start, 'hours').hours <= 12 ? { start: range.start } : null;
}

/**
 * "at the Community Hall", "à la Maison des Associations": a capitalised place
 * after a preposition and an article, which the parser's own rule (a capital
 * right after the preposition) does not take. Never inside the date's words.
 */
const VENUE = /(?:^|[\s,(])(?:at|in|im|bei|à|au|chez|dans|en|bij|no|na|em)\s+(?:(?:the|der|dem|den|la|le|les|el|l['’])\s*)?(\p{Lu}[\p{L}\d'’.&-]*(?:\s+(?:(?:of|on|de|des|du|der|am|an|the|la|le|del|et|and|&)\s+)?\p{Lu}[\p{L}\d'’.&-]*)*)/gu;

function venueIn(sentence: string, evidence: Intent['evidence']): string | undefined {
  const text = sentence.normalize('NFKC').replace(/\s+/g, ' ');
  for (const m of text.matchAll(VENUE)) {
    const at = m.index + m[0].indexOf(m[1]!);
    if (evidence.some((e) => e.role !== 'title' && at < e.end && at + m[1]!.length > e.start)) continue;
    return m[1]!.replace(/[.,;:]+$/, '');
  }
  return undefined;
}

/** The line just above, when it reads as a heading: short, with no sentence end. A paragraph above means there is none. */
function headingBefore(lines: string[], lineIndex: number): string | undefined {
  const line = lines[lineIndex - 1];
  if (!line || line.length > 80 || !/\p{L}/u.test(line) || /[.!?,;:]$/.test(line)) return undefined;
  return cleanLine(line);
}

const INVITATION = /^(?:(?:please\s+)?(?:come\s+and\s+)?join\s+us|you(?:'re|\s+are)\s+invited|save\s+the\s+date|mark\s+your\s+calendars?|don'?t\s+miss(?:\s+it)?|rejoignez[- ]nous|venez|kommt?|seid\s+dabei|besuchen\s+sie\s+uns)\b[\s,:!.-]*/i;
const DANGLING = /(?:\s+(?:im|in|at|à|au|bei|am|um|on|for|the|la|le|les|der|die|das|des|de|du|of|and|und|et))+$/i;

function candidateOf(reading: Reading, heading: string | undefined, now: DateTime, context: TextOptions & { description?: string }): EventCandidate | null {
  const { event } = reading;
  const allDay = !event.start;
  if (allDay ? event.endDate! <= now.toISODate()! : DateTime.fromISO(event.end ?? event.start!) < now) return null;
  const title = heading ?? tidyTitle(event.title, reading.venueSpan) ?? cleanLine(reading.sentence.replace(/[.!?;:]+$/, ''), MAX_TITLE);
  if (!title) return null;
  return {
    title,
    allDay,
    ...(allDay ? { startDate: event.startDate, endDate: event.endDate } : { start: event.start, ...(reading.explicitEnd && event.end ? { end: event.end } : {}) }),
    ...(event.location ? { location: cleanLine(event.location) } : {}),
    ...(context.description ? { description: context.description } : {}),
    ...(context.pageUrl ? { url: context.pageUrl } : {}),
    source: 'text',
    confidence: Math.round(Math.min(0.5, reading.confidence * 0.6) * (allDay ? 0.9 : 1) * 100) / 100,
  };
}

/** The parser's leftover words as a title: without the venue it could not take, an invitation's opening, or a dangling preposition. */
function tidyTitle(raw: string | undefined, venue: string | undefined): string | undefined {
  if (!raw) return undefined;
  let words = raw.split(' ');
  const venueWords = new Set((venue ?? '').toLowerCase().split(/\s+/).filter(Boolean));
  while (words.length && venueWords.has(words.at(-1)!.toLowerCase())) words = words.slice(0, -1);
  let title = words.join(' ').replace(INVITATION, '').replace(DANGLING, '').trim();
  // A quotation the parser cut in half ("„Sterne über Leipzig") reads better without its marks.
  if ((title.match(/[„“”"«»]/g) ?? []).length % 2 === 1) title = title.replace(/[„“”"«»]/g, '').trim();
  if (title.length < 3 || !/\p{L}{2}/u.test(title)) return undefined;
  return cleanLine(title[0]!.toUpperCase() + title.slice(1), MAX_TITLE);
}
