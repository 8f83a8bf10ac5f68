import { parseHTML } from 'linkedom';
import { describe, expect, it } from 'vitest';
import type { EventCandidate } from '../../../shared/extraction/event-candidate.ts';
import { extractHEvents } from '../../../shared/extraction/h-event.ts';

const context = { timeZone: 'Europe/Berlin', pageUrl: 'https://example.org/notes/1', baseUrl: 'https://example.org/notes/1' };
const page = (body: string) => parseHTML(`<!doctype html><html><head></head><body>${body}</body></html>`).document;
const hEvent = (inner: string) => `<div class="h-event"><h2 class="p-name">Quiz night</h2>${inner}</div>`;

type Row = [behaviour: string, body: string, expected: Partial<EventCandidate> | null];

const rows: Row[] = [
  ['<time datetime> as dt-start', hEvent('<time class="dt-start" datetime="2026-12-09T20:00:00+01:00">Wed</time>'), { title: 'Quiz night', start: '2026-12-09T20:00:00+01:00', allDay: false, url: 'https://example.org/notes/1' }],
  ['value-class date and 12-hour time', hEvent('<span class="dt-start"><span class="value">2026-12-09</span> at <span class="value">8pm</span></span>'), { start: '2026-12-09T20:00:00+01:00' }],
  ['value-class with a separate offset', hEvent('<span class="dt-start"><span class="value">2026-12-09</span> <span class="value">20:00</span> <span class="value">-05:00</span></span>'), { start: '2026-12-09T20:00:00-05:00' }],
  ['value-title carries the value', hEvent('<span class="dt-start"><span class="value-title" title="2026-12-09T20:00"></span>Wednesday evening</span>'), { start: '2026-12-09T20:00:00+01:00' }],
  ['abbr title carries the value', hEvent('<abbr class="dt-start" title="2026-12-09T20:00">Wed 8pm</abbr><abbr class="dt-end" title="2026-12-09T23:00">11pm</abbr>'), { end: '2026-12-09T23:00:00+01:00' }],
  ['plain text with a space between date and time', hEvent('<span class="dt-start">2026-12-09 20:00</span>'), { start: '2026-12-09T20:00:00+01:00' }],
  ['a dt-duration gives the end', hEvent('<time class="dt-start" datetime="2026-12-09T20:00">8pm</time>, <time class="dt-duration" datetime="PT2H30M">two and a half hours</time>'), { end: '2026-12-09T22:30:00+01:00' }],
  ['a dt-end with only a time is on the start day', hEvent('<time class="dt-start" datetime="2026-12-09T20:00">8pm</time>–<time class="dt-end" datetime="22:30">10:30pm</time>'), { end: '2026-12-09T22:30:00+01:00' }],
  ['date-only start and end are all-day through the last day', hEvent('<time class="dt-start" datetime="2026-12-09">9</time>–<time class="dt-end" datetime="2026-12-11">11 Dec</time>'), { allDay: true, startDate: '2026-12-09', endDate: '2026-12-12' }],
  ['a nested h-card location gives its name, not the event name', `<div class="h-event"><p class="p-location h-card"><span class="p-name">Anker</span></p><h2 class="p-name">Quiz night</h2><time class="dt-start" datetime="2026-12-09T20:00">8pm</time></div>`, { title: 'Quiz night', location: 'Anker' }],
  ['e-description and u-url', hEvent('<time class="dt-start" datetime="2026-12-09T20:00">8pm</time><div class="e-description"><p>Teams of four.</p></div><a class="u-url" href="/quiz">link</a>'), { description: 'Teams of four.', url: 'https://example.org/quiz' }],
  ['p-summary is the name when there is no p-name', '<div class="h-event"><span class="p-summary">Carol singing</span><time class="dt-start" datetime="2026-12-20T18:00">6pm</time></div>', { title: 'Carol singing' }],
  ['classic hCalendar vevent', '<div class="vevent"><span class="summary">Carol singing</span> <abbr class="dtstart" title="2026-12-20T18:00">6pm</abbr> at <span class="location">Marktplatz</span></div>', { title: 'Carol singing', start: '2026-12-20T18:00:00+01:00', location: 'Marktplatz' }],
  ['an h-event without a start is skipped', hEvent('<p class="p-location">Anker</p>'), null],
];

describe('extractHEvents', () => {
  it.each(rows)('%s', (_behaviour, body, expected) => {
    const events = extractHEvents(page(body), context);
    if (expected === null) return expect(events).toEqual([]);
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({ source: 'h-event', ...expected });
  });
});
