import { parseHTML } from 'linkedom';
import { describe, expect, it } from 'vitest';
import type { EventCandidate } from '../../../shared/extraction/event-candidate.ts';
import { extractGoogleCalendarLinks } from '../../../shared/extraction/google-calendar-links.ts';
import { findIcsLinks, parseIcs } from '../../../shared/extraction/ics-links.ts';

const context = { timeZone: 'Europe/Berlin', pageUrl: 'https://example.org/events/', baseUrl: 'https://example.org/events/' };
const page = (body: string) => parseHTML(`<!doctype html><html><head></head><body>${body}</body></html>`).document;
const link = (href: string) => page(`<a href="${href.replaceAll('&', '&amp;')}">Add to Google Calendar</a>`);
const RENDER = 'https://calendar.google.com/calendar/render?action=TEMPLATE&text=Quiz+night';

type Row = [behaviour: string, href: string, expected: Partial<EventCandidate> | null];

const googleRows: Row[] = [
  ['UTC dates without ctz are shown in the reader zone', `${RENDER}&dates=20261209T190000Z/20261209T210000Z`, { title: 'Quiz night', start: '2026-12-09T20:00:00+01:00', end: '2026-12-09T22:00:00+01:00', allDay: false }],
  ['UTC dates with ctz are shown in that zone', `${RENDER}&dates=20261209T190000Z/20261209T210000Z&ctz=Asia/Tokyo`, { start: '2026-12-10T04:00:00+09:00', timeZone: 'Asia/Tokyo' }],
  ['local dates are in ctz', `${RENDER}&dates=20261209T190000/20261209T210000&ctz=America/New_York`, { start: '2026-12-09T19:00:00-05:00', end: '2026-12-09T21:00:00-05:00' }],
  ['local dates without ctz are in the reader zone', `${RENDER}&dates=20261209T190000/20261209T210000`, { start: '2026-12-09T19:00:00+01:00' }],
  ['an all-day date pair keeps Google’s exclusive end', `${RENDER}&dates=20261209/20261210`, { allDay: true, startDate: '2026-12-09', endDate: '2026-12-10' }],
  ['details and location are read, + as a space', `${RENDER}&dates=20261209T190000Z/20261209T210000Z&details=Teams+of+four%21&location=Zum+Anker%2C+Hamburg`, { description: 'Teams of four!', location: 'Zum Anker, Hamburg' }],
  ['the calendar/event variant', 'https://calendar.google.com/calendar/event?action=TEMPLATE&text=Quiz+night&dates=20261209T190000Z/20261209T210000Z', { title: 'Quiz night' }],
  ['the r/eventedit form needs no action', 'https://calendar.google.com/calendar/u/0/r/eventedit?text=Quiz+night&dates=20261209T190000Z/20261209T210000Z', { title: 'Quiz night' }],
  ['the old www.google.com/calendar host', 'https://www.google.com/calendar/render?action=template&text=Quiz+night&dates=20261209T190000Z/20261209T210000Z', { title: 'Quiz night' }],
  ['a start without an end', `${RENDER}&dates=20261209T190000Z`, { start: '2026-12-09T20:00:00+01:00', end: undefined }],
  ['a look-alike host is not Google', 'https://calendar.google.com.evil.example/calendar/render?action=TEMPLATE&text=Quiz&dates=20261209T190000Z/20261209T210000Z', null],
  ['a render link without action=TEMPLATE is not a template', 'https://calendar.google.com/calendar/render?text=Quiz&dates=20261209T190000Z/20261209T210000Z', null],
  ['a template without text is skipped', 'https://calendar.google.com/calendar/render?action=TEMPLATE&dates=20261209T190000Z/20261209T210000Z', null],
  ['unreadable dates are skipped', `${RENDER}&dates=next-week`, null],
];

describe('extractGoogleCalendarLinks', () => {
  it.each(googleRows)('%s', (_behaviour, href, expected) => {
    const events = extractGoogleCalendarLinks(link(href), context);
    if (expected === null) return expect(events).toEqual([]);
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({ source: 'google-calendar-link', url: context.pageUrl, ...Object.fromEntries(Object.entries(expected).filter(([, v]) => v !== undefined)) });
    for (const [key, value] of Object.entries(expected)) if (value === undefined) expect(events[0]).not.toHaveProperty(key);
  });
});

describe('findIcsLinks', () => {
  it('takes .ics paths (query and all), text/calendar links and webcal subscriptions, each once', () => {
    const doc = page(`
      <a href="/cal/quiz.ics?lang=en">ics</a>
      <a href="/download?id=7" type="text/calendar">Outlook</a>
      <a href="webcals://example.org/feeds/all.ics">Subscribe</a>
      <a href="/cal/quiz.ics?lang=en">ics again</a>
      <a href="/cal/quiz.ics.html">not a calendar</a>
      <a href="javascript:download('x.ics')">script</a>
      <a href="mailto:someone@example.org?subject=x.ics">mail</a>`);
    expect(findIcsLinks(doc, context)).toEqual(['https://example.org/cal/quiz.ics?lang=en', 'https://example.org/download?id=7', 'https://example.org/feeds/all.ics']);
  });

  it('without a base, only absolute addresses count', () => {
    expect(findIcsLinks(page('<a href="quiz.ics">x</a><a href="https://example.org/a.ics">y</a>'), {})).toEqual(['https://example.org/a.ics']);
  });
});

const calendar = (...lines: string[]) => ['BEGIN:VCALENDAR', 'VERSION:2.0', ...lines, 'END:VCALENDAR'].join('\r\n');
const vevent = (...lines: string[]) => ['BEGIN:VEVENT', 'UID:x', 'SUMMARY:Quiz night', ...lines, 'END:VEVENT'];

describe('parseIcs', () => {
  const rows: Array<[behaviour: string, text: string, expected: Array<Partial<EventCandidate>>]> = [
    ['a floating time is in the reader zone', calendar(...vevent('DTSTART:20261209T200000', 'DTEND:20261209T220000')), [{ start: '2026-12-09T20:00:00+01:00', end: '2026-12-09T22:00:00+01:00', allDay: false }]],
    ['an IANA TZID without a VTIMEZONE is still that zone', calendar(...vevent('DTSTART;TZID=America/Chicago:20261209T200000')), [{ start: '2026-12-09T20:00:00-06:00', timeZone: 'America/Chicago' }]],
    ['an unknown TZID without a VTIMEZONE is read as floating', calendar(...vevent('DTSTART;TZID=Mars Standard Time:20261209T200000')), [{ start: '2026-12-09T20:00:00+01:00' }]],
    ['an all-day event without DTEND is one day', calendar(...vevent('DTSTART;VALUE=DATE:20261209')), [{ allDay: true, startDate: '2026-12-09', endDate: '2026-12-10' }]],
    ['an all-day DURATION counts days', calendar(...vevent('DTSTART;VALUE=DATE:20261209', 'DURATION:P3D')), [{ allDay: true, startDate: '2026-12-09', endDate: '2026-12-12' }]],
    ['escaped text and folded lines are unfolded', calendar(...vevent('DTSTART:20261209T200000Z', 'LOCATION:Zum Anker\\, Hafen', ' straße 3', 'DESCRIPTION:Teams of four\\;\\nprizes')), [{ location: 'Zum Anker, Hafenstraße 3', description: 'Teams of four;\nprizes' }]],
    ['two calendars in one file', `${calendar(...vevent('DTSTART:20261209T200000Z'))}\r\n${calendar(...vevent('DTSTART:20261210T200000Z'))}`, [{ start: '2026-12-09T21:00:00+01:00' }, { start: '2026-12-10T21:00:00+01:00' }]],
    ['an event without a summary is skipped', calendar('BEGIN:VEVENT', 'UID:y', 'DTSTART:20261209T200000Z', 'END:VEVENT'), []],
    ['a cancelled event is skipped', calendar(...vevent('DTSTART:20261209T200000Z', 'STATUS:CANCELLED')), []],
    ['text that is not iCalendar gives nothing', '<html>404 Not Found</html>', []],
    ['an empty file gives nothing', '', []],
  ];

  it.each(rows)('%s', (_behaviour, text, expected) => {
    const events = parseIcs(text, { timeZone: 'Europe/Berlin' });
    expect(events).toHaveLength(expected.length);
    expected.forEach((fields, i) => expect(events[i]).toMatchObject({ source: 'ics', ...fields }));
  });

  it('gives the file address to events without their own', () => {
    const [event] = parseIcs(calendar(...vevent('DTSTART:20261209T200000Z')), { timeZone: 'Europe/Berlin', url: 'https://example.org/quiz.ics' });
    expect(event?.url).toBe('https://example.org/quiz.ics');
  });
});
