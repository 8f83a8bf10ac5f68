import { readFileSync } from 'node:fs';
import { parseHTML } from 'linkedom';
import { describe, expect, it } from 'vitest';
import type { EventCandidate } from '../../../shared/extraction/event-candidate.ts';
import { extractEvents, MAX_CANDIDATES, rankEventCandidates } from '../../../shared/extraction/extract-events.ts';

const options = { now: '2026-11-25T10:00:00+01:00', timeZone: 'Europe/Berlin' };
const page = (head: string, body = '') => parseHTML(`<!doctype html><html><head>${head}</head><body>${body}</body></html>`).document;
const fixture = (file: string) => parseHTML(readFileSync(new URL(`../../fixtures/pages/${file}`, import.meta.url), 'utf8')).document;
const ld = (value: unknown) => `<script type="application/ld+json">${JSON.stringify(value)}</script>`;
const quiz = (fields: Record<string, unknown> = {}) => ({ '@context': 'https://schema.org', '@type': 'Event', name: 'Quiz night', startDate: '2026-12-09T20:00:00+01:00', ...fields });
const candidate = (fields: Partial<EventCandidate>): EventCandidate => ({ title: 'Quiz night', start: '2026-12-09T20:00:00+01:00', allDay: false, source: 'text', confidence: 0.4, ...fields });

describe('extractEvents: one event found several ways', () => {
  it('merges JSON-LD and an h-event of the same event; JSON-LD leads and the h-event fills the place', () => {
    const doc = page(ld(quiz()), '<div class="h-event"><h2 class="p-name">Quiz Night!</h2><time class="dt-start" datetime="2026-12-09T20:00:00+01:00">8pm</time> at <span class="p-location">Zum Anker</span></div>');
    expect(extractEvents(doc, options)).toEqual([expect.objectContaining({ source: 'json-ld', title: 'Quiz night', location: 'Zum Anker' })]);
  });

  it('merges an all-day finding into a timed one on the same day', () => {
    const doc = page(ld(quiz()), '<h2>Quiz night</h2><p><time datetime="2026-12-09">9 December</time></p>');
    expect(extractEvents(doc, options)).toEqual([expect.objectContaining({ source: 'json-ld', start: '2026-12-09T20:00:00+01:00' })]);
  });

  it('keeps events with alike titles at different times apart', () => {
    const doc = page(ld([quiz(), quiz({ startDate: '2026-12-16T20:00:00+01:00' })]));
    expect(extractEvents(doc, options)).toHaveLength(2);
  });

  it('keeps different events at the same time apart', () => {
    const doc = page(ld([quiz(), quiz({ name: 'Carol singing' })]));
    expect(extractEvents(doc, options).map((e) => e.title)).toEqual(['Quiz night', 'Carol singing']);
  });
});

describe('extractEvents: ranking', () => {
  it('puts structured data before links, links before bare times, whatever the page order', () => {
    const doc = page('', `
      <h2>Carol concert</h2><p><time datetime="2026-12-20T17:00">20 Dec</time></p>
      <a href="https://calendar.google.com/calendar/render?action=TEMPLATE&amp;text=Lantern+walk&amp;dates=20261221T150000Z/20261221T170000Z">add</a>
      <div class="h-event"><span class="p-name">Quiz night</span> <time class="dt-start" datetime="2026-12-09T20:00">8pm</time></div>`);
    expect(extractEvents(doc, options).map((e) => e.source)).toEqual(['h-event', 'google-calendar-link', 'time-element']);
  });

  it('puts the more complete of two structured events first', () => {
    const doc = page(ld([quiz({ name: 'Carol singing' }), quiz({ endDate: '2026-12-09T22:00:00+01:00', location: 'Zum Anker' })]));
    expect(extractEvents(doc, options).map((e) => e.title)).toEqual(['Quiz night', 'Carol singing']);
  });

  it(`offers at most ${MAX_CANDIDATES}`, () => {
    const many = Array.from({ length: 30 }, (_, i) => quiz({ name: `Quiz night ${i + 1}`, startDate: `2026-12-${String(i % 28 + 1).padStart(2, '0')}T20:00:00+01:00` }));
    expect(extractEvents(page(ld(many)), options)).toHaveLength(MAX_CANDIDATES);
  });

  it('ranks fetched .ics events in with the page ones', () => {
    const ranked = rankEventCandidates([candidate({ source: 'time-element' }), candidate({ source: 'ics', location: 'Zum Anker' }), candidate({ title: 'Carol singing', source: 'json-ld' })]);
    expect(ranked.map((e) => [e.title, e.source])).toEqual([['Carol singing', 'json-ld'], ['Quiz night', 'ics']]);
  });
});

describe('extractEvents with a selection', () => {
  it('puts the page event the selection names first', () => {
    const events = extractEvents(fixture('meetup-json-ld-array.html'), { ...options, selection: 'Berlin JS Holiday Hack Night – Thu, Dec 17 · 6:30 PM' });
    expect(events[0]).toMatchObject({ title: 'Berlin JS Holiday Hack Night', source: 'json-ld', start: '2026-12-17T18:30:00+01:00' });
    expect(events).toHaveLength(3);
  });

  it('puts the selected text first when it names no page event', () => {
    const events = extractEvents(fixture('meetup-json-ld-array.html'), { ...options, selection: 'Pizza with the speakers next Thursday at 9:30pm' });
    expect(events.map((e) => e.source)).toEqual(['text', 'json-ld', 'json-ld', 'json-ld']);
  });

  it('reads a selection on a page with nothing else', () => {
    expect(extractEvents(page(''), { ...options, selection: 'Lunch tomorrow at 1pm' })).toEqual([expect.objectContaining({ title: 'Lunch', start: '2026-11-26T13:00:00+01:00', source: 'text' })]);
  });
});

describe('extractEvents: addresses and options', () => {
  it('resolves relative links against <base href>, itself against the page', () => {
    const doc = page('<base href="/events/2026/">', '<div class="h-event"><a class="p-name u-url" href="quiz">Quiz night</a> <time class="dt-start" datetime="2026-12-09T20:00">8pm</time></div>');
    expect(extractEvents(doc, { ...options, url: 'https://example.org/start' })[0]?.url).toBe('https://example.org/events/2026/quiz');
  });

  it('gives events without an address the page’s', () => {
    expect(extractEvents(page(ld(quiz())), { ...options, url: 'https://example.org/quiz' })[0]?.url).toBe('https://example.org/quiz');
  });

  it('ignores a page address that is not http(s)', () => {
    expect(extractEvents(page(ld(quiz())), { ...options, url: 'javascript:alert(1)' })[0]).not.toHaveProperty('url');
  });

  it('refuses an unknown zone or an unreadable now', () => {
    expect(() => extractEvents(page(''), { ...options, timeZone: 'Berlin' })).toThrow(RangeError);
    expect(() => extractEvents(page(''), { ...options, now: 'soon' })).toThrow(RangeError);
  });
});

describe('rankEventCandidates: what counts as the same event', () => {
  it.each([
    ['a title with extra words', 'Quiz night', 'Quiz night at the Anker', 1],
    ['case, accents and punctuation', 'Repair Café Connewitz', 'repair cafe – connewitz!', 1],
    ['numbered sessions', 'Berlin JS Meetup #87', 'Berlin JS Meetup #88', 2],
    ['parallel talks that share some words', 'Track A: Rust in production', 'Track B: Rust in embedded systems', 2],
  ])('%s', (_case, first, second, count) => {
    expect(rankEventCandidates([candidate({ title: first, source: 'json-ld' }), candidate({ title: second, source: 'h-event' })])).toHaveLength(count);
  });
});
