import { absoluteUrl, assembleCandidate, cleanLine, cleanText, eventTimes, knownZone, type EventCandidate, type SourceContext } from './event-candidate.ts';

const GOOGLE_HOST = /^(?:calendar\.google\.com|(?:www\.)?google\.com)$/i;
const TEMPLATE_PATH = /^\/calendar\/(?:render|event|(?:u\/\d+\/)?r\/eventedit)\/?$/i;
const DATES = /^(\d{8}(?:T\d{4,6}Z?)?)(?:\/(\d{8}(?:T\d{4,6}Z?)?))?$/i;

/**
 * "Add to Google Calendar" links: `calendar/render?action=TEMPLATE`, the
 * `calendar/event?action=TEMPLATE` variant and `r/eventedit`. `dates` is
 * start/end in UTC (…Z), local to `ctz` (or to the reader without one), or
 * two dates for an all-day event whose end, as Google has it, is exclusive.
 */
export function extractGoogleCalendarLinks(doc: Document, context: SourceContext): EventCandidate[] {
  return Array.from(doc.querySelectorAll('a[href]')).flatMap((link) => {
    const candidate = candidateOf(link.getAttribute('href') ?? '', context);
    return candidate ? [candidate] : [];
  });
}

function candidateOf(href: string, context: SourceContext): EventCandidate | null {
  const params = templateParams(href, context.baseUrl);
  if (!params) return null;
  const title = cleanLine(params.get('text'));
  const dates = DATES.exec((params.get('dates') ?? '').trim());
  if (!title || !dates) return null;
  const zone = knownZone(params.get('ctz'));
  const times = eventTimes(dates[1], dates[2], { userZone: context.timeZone, eventZone: zone, inclusiveEndDate: false });
  if (!times) return null;
  const location = cleanLine(params.get('location'));
  const description = cleanText(params.get('details'));
  const url = context.pageUrl;
  return assembleCandidate({ title, times, zone, location, description, url, source: 'google-calendar-link', confidence: 0.9 });
}

function templateParams(href: string, base: string | undefined): URLSearchParams | null {
  const absolute = absoluteUrl(href, base);
  if (!absolute) return null;
  const url = new URL(absolute);
  if (!GOOGLE_HOST.test(url.hostname) || !TEMPLATE_PATH.test(url.pathname)) return null;
  const action = url.searchParams.get('action');
  if (!/eventedit/i.test(url.pathname) && action?.toUpperCase() !== 'TEMPLATE') return null;
  return url.searchParams;
}
