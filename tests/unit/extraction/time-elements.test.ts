import { parseHTML } from 'linkedom';
import { describe, expect, it } from 'vitest';
import type { EventCandidate } from '../../../shared/extraction/event-candidate.ts';
import { extractTimeElementEvents } from '../../../shared/extraction/time-elements.ts';

const context = { timeZone: 'Europe/Berlin', now: '2026-11-25T10:00:00+01:00', pageUrl: 'https://example.org/post' };
const page = (body: string) => parseHTML(`<!doctype html><html><head></head><body>${body}</body></html>`).document;
const WHEN = '<time datetime="2026-12-20T17:00">20 December, 5pm</time>';

type Row = [behaviour: string, body: string, expected: Partial<EventCandidate> | null];

const rows: Row[] = [
  ['the nearest preceding h2 names it', `<h1>Parish news</h1><h2>Carol concert</h2><p>Join us on ${WHEN}.</p>`, { title: 'Carol concert', start: '2026-12-20T17:00:00+01:00', allDay: false, description: 'Join us on 20 December, 5pm.', url: 'https://example.org/post' }],
  ['a heading around the time names it without the time', `<h2>Carol concert – ${WHEN}</h2>`, { title: 'Carol concert', description: undefined }],
  ['an h4 section heading beats an h1 outside the section', `<h1>Parish news</h1><section><h4>Carol concert</h4><p>${WHEN}</p></section>`, { title: 'Carol concert' }],
  ['a preceding h3 inside the section wins', `<section><h2>December</h2><h3>Carol concert</h3><p>${WHEN}</p></section>`, { title: 'Carol concert' }],
  ['a heading nested in an earlier block is found', `<div class="card"><header><h3>Carol concert</h3></header></div><div><p>${WHEN}</p></div>`, { title: 'Carol concert' }],
  ['a time joined by "bis" ends the range', `<h2>Weihnachtsmarkt</h2><p><time datetime="2026-12-20T11:00">11</time> bis <time datetime="2026-12-20T18:00">18 Uhr</time></p>`, { start: '2026-12-20T11:00:00+01:00', end: '2026-12-20T18:00:00+01:00' }],
  ['a date is all-day', `<h2>Carol concert</h2><p><time datetime="2026-12-20">20 December</time></p>`, { allDay: true, startDate: '2026-12-20', endDate: '2026-12-21' }],
  ['today, all day, is not past', `<h2>Open studio</h2><p><time datetime="2026-11-25">today</time></p>`, { startDate: '2026-11-25' }],
  ['two times with words between them are two events', `<h2>Carol concert</h2><p>${WHEN} and again on <time datetime="2026-12-21T17:00">the 21st</time></p>`, { start: '2026-12-20T17:00:00+01:00', end: undefined }],
  ['a past time is no event', `<h2>Carol concert</h2><p><time datetime="2026-11-20T17:00">last week</time></p>`, null],
  ['a publication date (pubdate) is no event', `<h2>Carol concert</h2><p><time pubdate datetime="2026-12-20T17:00">x</time></p>`, null],
  ['a publication date (itemprop) is no event', `<h2>Carol concert</h2><p><time itemprop="datePublished" datetime="2026-12-20T17:00">x</time></p>`, null],
  ['a byline date is no event', `<h2>Carol concert</h2><div class="entry-meta"><span>Posted <time datetime="2026-12-20T17:00">x</time></span></div>`, null],
  ['a struck-out date is no event', `<h2>Carol concert</h2><p><del>${WHEN}</del></p>`, null],
  ['a time inside an h-event is left to that source', `<div class="h-event"><h2 class="p-name">Carol concert</h2>${WHEN}</div>`, null],
  ['a time inside a microdata Event is left to that source', `<div itemscope itemtype="https://schema.org/Event"><h2>Carol concert</h2>${WHEN}</div>`, null],
  ['a time with no heading anywhere is no event', `<p>${WHEN}</p>`, null],
  ['a time of day alone is no event', `<h2>Carol concert</h2><p><time datetime="17:00">5pm</time></p>`, null],
];

describe('extractTimeElementEvents', () => {
  it.each(rows)('%s', (_behaviour, body, expected) => {
    const events = extractTimeElementEvents(page(body), context);
    if (expected === null) return expect(events).toEqual([]);
    expect(events[0]).toMatchObject({ source: 'time-element', ...Object.fromEntries(Object.entries(expected).filter(([, v]) => v !== undefined)) });
    for (const [key, value] of Object.entries(expected)) if (value === undefined) expect(events[0]).not.toHaveProperty(key);
  });
});
