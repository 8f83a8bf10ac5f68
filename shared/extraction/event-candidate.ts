import { DateTime, Duration, IANAZone } from 'luxon';
import { z } from 'zod';

/**
 * An event found on a page, ready to become a proposal: instants are ISO 8601
 * with offset; an all-day event has dates instead, the end exclusive as Google
 * has it. `timeZone` is set only when the source names one (a `ctz`, a TZID).
 */
const instant = z.string().datetime({ offset: true });
const date = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);

export const eventSources = ['json-ld', 'microdata', 'h-event', 'google-calendar-link', 'ics', 'time-element', 'text'] as const;
export type EventSource = (typeof eventSources)[number];

export const eventCandidateSchema = z
  .object({
    title: z.string().min(1).max(300),
    start: instant.optional(),
    end: instant.optional(),
    allDay: z.boolean(),
    startDate: date.optional(),
    endDate: date.optional(),
    timeZone: z.string().optional(),
    location: z.string().max(300).optional(),
    description: z.string().max(1000).optional(),
    url: z.string().optional(),
    source: z.enum(eventSources),
    confidence: z.number().min(0).max(1),
  })
  .refine((c) => (c.allDay ? Boolean(c.startDate && c.endDate) : Boolean(c.start)), { message: 'a timed event needs a start, an all-day one its dates' });

export type EventCandidate = z.infer<typeof eventCandidateSchema>;

/** What every source knows: the reader's zone, the page's address, and the base relative links resolve against (a `<base href>` or the page). */
export interface SourceContext {
  timeZone: string;
  pageUrl?: string;
  baseUrl?: string;
}

export type EventTimes = Pick<EventCandidate, 'start' | 'end' | 'allDay' | 'startDate' | 'endDate'>;

export interface TimeRules {
  /** The reader's zone: local times with no other zone are theirs. */
  userZone: string;
  /** The event's own zone: local times are in it, and instants are shown in it. */
  eventZone?: string;
  /** schema.org and microformats give the last day of a span; Google and iCalendar the day after. */
  inclusiveEndDate: boolean;
  /** ISO 8601 duration (PT2H) for when only the length is given. */
  duration?: string;
}

const DATE_ONLY = /^(\d{4})-?(\d{2})-?(\d{2})$/;
const TIME_ONLY = /^(\d{1,2}):(\d{2})(?::(\d{2}))?$/;
/** Only a Z: +00:00 is as often London or Lisbon speaking as a machine. */
const HAS_UTC = /Z$/i;

/** A date or date-time as pages write them, turned into the candidate's times; null when the start cannot be read. */
export function eventTimes(startRaw: string | undefined, endRaw: string | undefined, rules: TimeRules): EventTimes | null {
  const startText = normaliseDateTime(startRaw);
  if (!startText) return null;
  const endText = normaliseDateTime(endRaw);
  const startDay = dateOnly(startText);
  if (startDay) {
    const endDay = endText ? dateOnly(endText) : null;
    let endDate = endDay ? (rules.inclusiveEndDate ? plusDays(endDay, 1) : endDay) : plusDays(startDay, 1);
    if (endDate <= startDay) endDate = plusDays(startDay, 1);
    return { allDay: true, startDate: startDay, endDate };
  }
  const start = readInstant(startText, rules);
  if (!start) return null;
  let end = endText ? readEnd(endText, start, rules) : null;
  if (!end && rules.duration) {
    const length = Duration.fromISO(rules.duration);
    if (length.isValid && length.as('minutes') > 0) end = start.plus(length);
  }
  if (end && end <= start) end = null;
  return { allDay: false, start: isoOf(start), ...(end ? { end: isoOf(end) } : {}) };
}

/** "2026-12-08 19:00", "2026-12-08T19:00:00.000+0100", "20261208T190000Z" → one ISO shape luxon reads. */
/** A candidate from its parts, leaving out the optional fields a source did not find. */
export function assembleCandidate(parts: { title: string; times: EventTimes; zone?: string | undefined; location?: string | undefined; description?: string | undefined; url?: string | undefined; source: EventSource; confidence: number }): EventCandidate {
  const { title, times, zone, location, description, url, source, confidence } = parts;
  return {
    title,
    ...times,
    ...(zone ? { timeZone: zone } : {}),
    ...(location ? { location } : {}),
    ...(description ? { description } : {}),
    ...(url ? { url } : {}),
    source,
    confidence,
  };
}

export function normaliseDateTime(raw: string | undefined): string | null {
  if (!raw) return null;
  const s = raw.trim().replace(/^(\d{4}-\d{2}-\d{2})\s+(?=\d)/, '$1T').replace(/\s+(?=[+-]\d{2}:?\d{2}$|Z$)/i, '');
  return s.length >= 8 && s.length <= 40 ? s : null;
}

function dateOnly(s: string): string | null {
  const m = DATE_ONLY.exec(s);
  if (!m) return null;
  const day = DateTime.fromObject({ year: Number(m[1]), month: Number(m[2]), day: Number(m[3]) }, { zone: 'UTC' });
  return day.isValid ? day.toISODate() : null;
}

function readInstant(s: string, rules: TimeRules): DateTime | null {
  let dt = DateTime.fromISO(s, { zone: rules.eventZone ?? rules.userZone, setZone: true });
  if (!dt.isValid) return null;
  // An instant written in UTC is a machine's habit, not the event's offset: show it where someone will be.
  if (rules.eventZone) dt = dt.setZone(rules.eventZone);
  else if (HAS_UTC.test(s)) dt = dt.setZone(rules.userZone);
  return dt;
}

/** An end may be a full date-time or, in a range like "19:00–21:00", only a time on the start's day. */
function readEnd(s: string, start: DateTime, rules: TimeRules): DateTime | null {
  const time = TIME_ONLY.exec(s);
  if (time) {
    const end = start.set({ hour: Number(time[1]), minute: Number(time[2]), second: Number(time[3] ?? 0), millisecond: 0 });
    return end.isValid ? (end <= start ? end.plus({ days: 1 }) : end) : null;
  }
  if (dateOnly(s)) return null;
  const end = readInstant(s, rules);
  // An end written in UTC beside a start with its own offset reads better in the start's offset.
  return end && HAS_UTC.test(s) ? end.setZone(start.zone) : end;
}

function plusDays(day: string, days: number): string {
  return DateTime.fromISO(day, { zone: 'UTC' }).plus({ days }).toISODate()!;
}

export function isoOf(dt: DateTime): string {
  return dt.toISO({ suppressMilliseconds: true })!;
}

/** An IANA zone name luxon knows, in its canonical spelling; anything else (Windows names, typos) is no zone. */
export function knownZone(name: string | undefined | null): string | undefined {
  if (!name) return undefined;
  const trimmed = name.trim();
  if (!trimmed || !IANAZone.isValidZone(trimmed)) return undefined;
  return IANAZone.create(trimmed).name;
}

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: ' ' };

/** Text for a title or a description: tags gone, entities decoded, whitespace collapsed, length bounded. */
export function cleanText(raw: unknown, maxLength = 1000): string | undefined {
  if (typeof raw !== 'string') return undefined;
  const text = raw
    .replace(/<br\s*\/?>|<\/p>/gi, '\n')
    .replace(/<[^>]*>/g, ' ')
    .replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (whole, name: string) => decodeEntity(whole, name))
    .replace(/[ \t\f\v\u00a0]+/g, ' ')
    .replace(/\s*\n\s*/g, '\n')
    .trim();
  if (!text) return undefined;
  return text.length > maxLength ? `${text.slice(0, maxLength - 1).trimEnd()}…` : text;
}

function decodeEntity(whole: string, name: string): string {
  if (name[0] !== '#') return ENTITIES[name.toLowerCase()] ?? whole;
  const code = name[1] === 'x' || name[1] === 'X' ? parseInt(name.slice(2), 16) : parseInt(name.slice(1), 10);
  return Number.isInteger(code) && code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : whole;
}

/** One line of text: for titles and places. */
export function cleanLine(raw: unknown, maxLength = 300): string | undefined {
  return cleanText(raw, maxLength)?.replace(/\s+/g, ' ');
}

/** An http(s) address, made absolute against the page; other schemes (javascript:, data:) are no address. */
export function absoluteUrl(href: unknown, base?: string): string | undefined {
  if (typeof href !== 'string' || !href.trim()) return undefined;
  try {
    const url = base ? new URL(href.trim(), base) : new URL(href.trim());
    return url.protocol === 'http:' || url.protocol === 'https:' ? url.href : undefined;
  } catch {
    return undefined;
  }
}

/** The element's visible-ish text in one line: script and style bodies are not text a reader sees. */
export function elementText(element: Element): string {
  let text = '';
  const walk = (node: Node) => {
    for (const child of Array.from(node.childNodes)) {
      if (child.nodeType === 3) text += child.nodeValue ?? '';
      else if (child.nodeType === 1 && !/^(?:script|style|template|noscript)$/i.test((child as Element).tagName)) {
        walk(child);
        if (/^(?:p|div|li|br|h[1-6]|tr|td|dd|dt)$/i.test((child as Element).tagName)) text += ' ';
      }
    }
  };
  walk(element);
  return text.replace(/\s+/g, ' ').trim();
}

export interface AddressParts {
  street?: string;
  postalCode?: string;
  locality?: string;
  region?: string;
  country?: string;
}

/** "Hauptstraße 5, 10115 Berlin": a two-letter country code is for machines and is left out, a country's name kept. */
export function formatAddress(parts: AddressParts): string | undefined {
  const locality = [parts.postalCode, parts.locality].filter(Boolean).join(' ');
  const region = parts.region !== parts.locality ? parts.region : undefined;
  const country = parts.country && parts.country.length > 2 ? parts.country : undefined;
  return cleanLine([parts.street, locality, region, country].filter(Boolean).join(', '));
}

/** A venue's name and its address as one line, without saying the name twice. */
export function placeText(name: string | undefined, address: string | undefined): string | undefined {
  if (name && address) return address.includes(name) ? address : `${name}, ${address}`;
  return name ?? address;
}

/** Countries with a single zone, so a local time at a venue there has one; a country with several zones is no guess. */
const COUNTRY_ZONES: Array<[zone: string, ...names: string[]]> = [
  ['Europe/Berlin', 'DE', 'Germany', 'Deutschland'],
  ['Europe/Vienna', 'AT', 'Austria', 'Österreich'],
  ['Europe/Zurich', 'CH', 'Switzerland', 'Schweiz', 'Suisse'],
  ['Europe/Paris', 'FR', 'France'],
  ['Europe/Brussels', 'BE', 'Belgium', 'Belgique', 'België'],
  ['Europe/Amsterdam', 'NL', 'Netherlands', 'Nederland'],
  ['Europe/Luxembourg', 'LU', 'Luxembourg'],
  ['Europe/Rome', 'IT', 'Italy', 'Italia'],
  ['Europe/London', 'GB', 'UK', 'United Kingdom'],
  ['Europe/Dublin', 'IE', 'Ireland'],
  ['Europe/Copenhagen', 'DK', 'Denmark', 'Danmark'],
  ['Europe/Oslo', 'NO', 'Norway', 'Norge'],
  ['Europe/Stockholm', 'SE', 'Sweden', 'Sverige'],
  ['Europe/Helsinki', 'FI', 'Finland', 'Suomi'],
  ['Europe/Warsaw', 'PL', 'Poland', 'Polska'],
  ['Europe/Prague', 'CZ', 'Czechia', 'Czech Republic'],
  ['Europe/Budapest', 'HU', 'Hungary'],
  ['Europe/Athens', 'GR', 'Greece'],
  ['Asia/Tokyo', 'JP', 'Japan'],
  ['Asia/Seoul', 'KR', 'South Korea'],
  ['Asia/Singapore', 'SG', 'Singapore'],
  ['Asia/Kolkata', 'IN', 'India'],
];

export function zoneOfCountry(country: string | undefined): string | undefined {
  const name = country?.trim().toLowerCase();
  if (!name) return undefined;
  return COUNTRY_ZONES.find(([, ...names]) => names.some((n) => n.toLowerCase() === name))?.[0];
}
