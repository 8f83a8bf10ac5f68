import ICAL from 'ical.js';
import { absoluteUrl, assembleCandidate, cleanLine, cleanText, eventTimes, knownZone, type EventCandidate } from './event-candidate.ts';

const MAX_LINKS = 10;
const MAX_EVENTS = 100;

/**
 * Links to iCalendar files a page offers ("Add to Apple/Outlook calendar"):
 * an address ending in .ics, a `type="text/calendar"` link, or a webcal://
 * subscription (fetched over https). Only the addresses: fetching is the
 * caller's, and `parseIcs` reads what comes back.
 */
export function findIcsLinks(doc: Document, context: { baseUrl?: string }): string[] {
  const found = new Set<string>();
  for (const link of Array.from(doc.querySelectorAll('a[href], link[href]'))) {
    const href = (link.getAttribute('href') ?? '').trim().replace(/^webcals?:\/\//i, 'https://');
    const url = absoluteUrl(href, context.baseUrl);
    if (!url) continue;
    const typed = /^\s*text\/calendar\b/i.test(link.getAttribute('type') ?? '');
    if (typed || /\.ics$/i.test(new URL(url).pathname)) found.add(url);
    if (found.size >= MAX_LINKS) break;
  }
  return [...found];
}

export interface IcsOptions {
  /** The reader's zone, for floating times. */
  timeZone: string;
  /** Where the file came from, as the events' address when they name none. */
  url?: string;
}

/**
 * VEVENTs as candidates: TZID times in their zone (an IANA name, or the
 * file's own VTIMEZONE for Windows names), UTC and floating times, all-day
 * dates with their exclusive end, DURATION instead of DTEND. Cancelled
 * events are left out; text that is not iCalendar gives no events.
 */
export function parseIcs(text: string, options: IcsOptions): EventCandidate[] {
  const calendars = readCalendars(text);
  return calendars.flatMap((calendar) => {
    const zones = new Map<string, ICAL.Timezone>();
    for (const vtimezone of calendar.getAllSubcomponents('vtimezone')) {
      const tzid = String(vtimezone.getFirstPropertyValue('tzid') ?? '');
      if (tzid) zones.set(tzid, new ICAL.Timezone({ component: vtimezone, tzid }));
    }
    return calendar
      .getAllSubcomponents('vevent')
      .slice(0, MAX_EVENTS)
      .flatMap((vevent) => {
        try {
          const candidate = candidateOf(vevent, zones, options);
          return candidate ? [candidate] : [];
        } catch {
          return [];
        }
      });
  });
}

function readCalendars(text: string): ICAL.Component[] {
  try {
    const parsed: unknown = ICAL.parse(text);
    if (!Array.isArray(parsed) || parsed.length === 0) return [];
    const jcals = (typeof parsed[0] === 'string' ? [parsed] : parsed) as unknown[];
    return jcals.map((jcal) => new ICAL.Component(jcal as never)).filter((c) => c.name === 'vcalendar');
  } catch {
    return [];
  }
}

function candidateOf(vevent: ICAL.Component, zones: Map<string, ICAL.Timezone>, options: IcsOptions): EventCandidate | null {
  if (String(vevent.getFirstPropertyValue('status') ?? '').toUpperCase() === 'CANCELLED') return null;
  const title = cleanLine(stringOf(vevent, 'summary'));
  const startProperty = vevent.getFirstProperty('dtstart');
  const start = startProperty?.getFirstValue();
  if (!title || !startProperty || !(start instanceof ICAL.Time)) return null;
  const tzid = startProperty.getParameter('tzid');
  const zone = knownZone(typeof tzid === 'string' ? tzid : undefined);
  const endProperty = vevent.getFirstProperty('dtend');
  let end = endProperty?.getFirstValue();
  const duration = vevent.getFirstPropertyValue('duration');
  if (!(end instanceof ICAL.Time) && duration instanceof ICAL.Duration) {
    end = start.clone();
    end.addDuration(duration);
  }
  const times = eventTimes(timeText(start, startProperty, zones), end instanceof ICAL.Time ? timeText(end, endProperty ?? startProperty, zones) : undefined, {
    userZone: options.timeZone,
    eventZone: zone,
    inclusiveEndDate: false,
  });
  if (!times) return null;
  const location = cleanLine(stringOf(vevent, 'location'));
  const description = cleanText(stringOf(vevent, 'description'));
  const url = absoluteUrl(stringOf(vevent, 'url'), options.url) ?? absoluteUrl(options.url);
  return assembleCandidate({ title, times, zone, location, description, url, source: 'ics', confidence: 0.9 });
}

/**
 * An ICAL.Time as ISO text: a date, UTC with Z, a Windows-named TZID with the
 * offset its VTIMEZONE gives, or local (in the IANA zone or the reader's).
 * Nothing is registered with ical.js's global TimezoneService.
 */
function timeText(time: ICAL.Time, property: ICAL.Property, zones: Map<string, ICAL.Timezone>): string {
  const pad = (n: number, width = 2) => String(n).padStart(width, '0');
  const date = `${pad(time.year, 4)}-${pad(time.month)}-${pad(time.day)}`;
  if (time.isDate) return date;
  const local = `${date}T${pad(time.hour)}:${pad(time.minute)}:${pad(time.second)}`;
  if (time.zone?.tzid === 'UTC') return `${local}Z`;
  const tzid = property.getParameter('tzid');
  if (typeof tzid !== 'string' || knownZone(tzid)) return local;
  const vtimezone = zones.get(tzid);
  if (!vtimezone) return local;
  const offset = Math.round(vtimezone.utcOffset(time) / 60);
  const sign = offset < 0 ? '-' : '+';
  return `${local}${sign}${pad(Math.floor(Math.abs(offset) / 60))}:${pad(Math.abs(offset) % 60)}`;
}

function stringOf(vevent: ICAL.Component, name: string): string | undefined {
  const value = vevent.getFirstPropertyValue(name);
  return typeof value === 'string' ? value : undefined;
}
