import { parseHTML } from 'linkedom';
import { describe, expect, it } from 'vitest';
import type { EventCandidate } from '../../../shared/extraction/event-candidate.ts';
import { extractMicrodataEvents } from '../../../shared/extraction/microdata.ts';

const context = { timeZone: 'Europe/Berlin', pageUrl: 'https://example.org/events/', baseUrl: 'https://example.org/events/' };
const page = (body: string) => parseHTML(`<!doctype html><html><head></head><body>${body}</body></html>`).document;
const scope = (inner: string, type = 'https://schema.org/Event') => `<div itemscope itemtype="${type}">${inner}</div>`;
const NAME = '<h1 itemprop="name">Quiz night</h1>';
const START = '<time itemprop="startDate" datetime="2026-12-09T20:00">Wed 8pm</time>';

type Row = [behaviour: string, body: string, expected: Partial<EventCandidate> | null];

const rows: Row[] = [
  ['<time datetime> without offset is in the reader zone', scope(NAME + START), { title: 'Quiz night', start: '2026-12-09T20:00:00+01:00', allDay: false }],
  ['a content attribute carries the machine value', scope(`${NAME}<span itemprop="startDate" content="2026-12-09T20:00:00+01:00">Wednesday</span>`), { start: '2026-12-09T20:00:00+01:00' }],
  ['<meta content> end and text location', scope(`${NAME}${START}<meta itemprop="endDate" content="2026-12-09T22:00"><span itemprop="location">Zum Anker</span>`), { end: '2026-12-09T22:00:00+01:00', location: 'Zum Anker' }],
  ['a nested Place with a text address', scope(`${NAME}${START}<div itemprop="location" itemscope itemtype="https://schema.org/Place"><span itemprop="name">Anker</span><span itemprop="address">Hafenstraße 3, Hamburg</span></div>`), { location: 'Anker, Hafenstraße 3, Hamburg' }],
  ['a nested Organization name is not the event name', scope(`<p itemprop="organizer" itemscope itemtype="https://schema.org/Organization"><span itemprop="name">Pub Quiz Club</span></p>${NAME}${START}`), { title: 'Quiz night' }],
  ['a subtype and a second itemtype still make an event', scope(NAME + START, 'https://schema.org/Thing http://schema.org/ComedyEvent'), { title: 'Quiz night' }],
  ['a date-only span is all-day through its last day', scope(`${NAME}<meta itemprop="startDate" content="2026-12-09"><meta itemprop="endDate" content="2026-12-10">`), { allDay: true, startDate: '2026-12-09', endDate: '2026-12-11' }],
  ['a relative url resolves against the page', scope(`${NAME}${START}<a itemprop="url" href="quiz">details</a>`), { url: 'https://example.org/events/quiz' }],
  ['a description keeps its text', scope(`${NAME}${START}<div itemprop="description"><p>Teams of four.</p><p>Prizes!</p></div>`), { description: 'Teams of four. Prizes!' }],
  ['a cancelled event is skipped', scope(`${NAME}${START}<link itemprop="eventStatus" href="https://schema.org/EventCancelled">`), null],
  ['an event without a start is skipped', scope(NAME), null],
  ['a Product is not an event', scope(NAME + START, 'https://schema.org/Product'), null],
];

describe('extractMicrodataEvents', () => {
  it.each(rows)('%s', (_behaviour, body, expected) => {
    const events = extractMicrodataEvents(page(body), context);
    if (expected === null) return expect(events).toEqual([]);
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({ source: 'microdata', ...expected });
  });
});
