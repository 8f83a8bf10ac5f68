import { parseHTML } from 'linkedom';
import { describe, expect, it } from 'vitest';
import type { EventCandidate } from '../../../shared/extraction/event-candidate.ts';
import { extractJsonLdEvents } from '../../../shared/extraction/json-ld.ts';

const context = { timeZone: 'Europe/Berlin', pageUrl: 'https://example.org/events/', baseUrl: 'https://example.org/events/' };
const page = (scripts: string[]) => parseHTML(`<!doctype html><html><head>${scripts.join('')}</head><body></body></html>`).document;
const ld = (json: string, type = 'application/ld+json') => `<script type="${type}">${json}</script>`;
const event = (fields: Record<string, unknown>) => JSON.stringify({ '@context': 'https://schema.org', '@type': 'Event', name: 'Quiz night', startDate: '2026-12-09T20:00:00+01:00', ...fields });

type Row = [behaviour: string, scripts: string[], expected: Partial<EventCandidate> | null, zone?: string];

const rows: Row[] = [
  ['a local start without a venue zone is in the reader zone', [ld(event({ startDate: '2026-12-09T20:00' }))], { start: '2026-12-09T20:00:00-06:00' }, 'America/Chicago'],
  ['an event timezone property places local times', [ld(event({ startDate: '2026-12-09T20:00', timezone: 'Asia/Tokyo' }))], { start: '2026-12-09T20:00:00+09:00', timeZone: 'Asia/Tokyo' }],
  ['the venue country (a Country node) places local times', [ld(event({ startDate: '2026-12-09T20:00', location: { '@type': 'Place', name: 'Le Zinc', address: { '@type': 'PostalAddress', addressLocality: 'Paris', addressCountry: { '@type': 'Country', name: 'France' } } } }))], { start: '2026-12-09T20:00:00+01:00', timeZone: 'Europe/Paris', location: 'Le Zinc, Paris, France' }],
  ['an offset in the start is kept as written', [ld(event({ startDate: '2026-12-09T20:00:00-05:00' }))], { start: '2026-12-09T20:00:00-05:00' }],
  ['a duration gives the end', [ld(event({ duration: 'PT2H30M' }))], { end: '2026-12-09T22:30:00+01:00' }],
  ['an end before the start is dropped', [ld(event({ endDate: '2026-12-09T19:00:00+01:00' }))], { end: undefined }],
  ['a one-day date is all-day to the next day', [ld(event({ startDate: '2026-12-09' }))], { allDay: true, startDate: '2026-12-09', endDate: '2026-12-10', start: undefined }],
  ['a string location is the place', [ld(event({ location: 'Zum Goldenen Anker, Hafenstraße 3' }))], { location: 'Zum Goldenen Anker, Hafenstraße 3' }],
  ['a PostalAddress as location is formatted', [ld(event({ location: { '@type': 'PostalAddress', streetAddress: 'Hafenstraße 3', postalCode: '20459', addressLocality: 'Hamburg' } }))], { location: 'Hafenstraße 3, 20459 Hamburg' }],
  ['a hybrid event: the Place is the location, the stream link goes with the description', [ld(event({ description: 'Bring a pen.', location: [{ '@type': 'VirtualLocation', url: 'https://stream.example/quiz' }, { '@type': 'Place', name: 'Anker' }] }))], { location: 'Anker', description: 'Bring a pen.\nhttps://stream.example/quiz' }],
  ['a relative event url resolves against the page', [ld(event({ url: '/events/quiz-night' }))], { url: 'https://example.org/events/quiz-night' }],
  ['HTML and entities in a description become text', [ld(event({ description: '<p>Teams of four &amp; one joker.</p><p>Prizes!</p>' }))], { description: 'Teams of four & one joker.\nPrizes!' }],
  ['trailing commas and raw line breaks are repaired', [ld('{"@type":"Event","name":"Quiz\nnight","startDate":"2026-12-09T20:00:00+01:00",}')], { title: 'Quiz night' }],
  ['a commented, CDATA-wrapped script is read', [ld(`//<![CDATA[\n${event({})}\n//]]>`)], { title: 'Quiz night' }],
  ['a type attribute with parameters is JSON-LD', [ld(event({}), 'application/ld+json; charset=utf-8')], { title: 'Quiz night' }],
  ['a full-URL type and a list of types are events', [ld(JSON.stringify({ '@type': ['http://schema.org/ComedyEvent', 'Thing'], name: 'Open mic', startDate: '2026-12-09T20:00:00+01:00' }))], { title: 'Open mic' }],
  ['a language-tagged name list gives its first name', [ld(event({ name: [{ '@value': 'Kneipenquiz', '@language': 'de' }, { '@value': 'Pub quiz', '@language': 'en' }] }))], { title: 'Kneipenquiz' }],
  ['events nested in an Organization are found', [ld(JSON.stringify({ '@type': 'Organization', name: 'Anker', event: [JSON.parse(event({}))] }))], { title: 'Quiz night' }],
  ['events in an ItemList are found', [ld(JSON.stringify({ '@type': 'ItemList', itemListElement: [{ '@type': 'ListItem', position: 1, item: JSON.parse(event({})) }] }))], { title: 'Quiz night' }],
  ['@id references resolve across scripts', [ld(event({ location: { '@id': '#anker' } })), ld(JSON.stringify({ '@id': '#anker', '@type': 'BarOrPub', name: 'Anker', address: 'Hafenstraße 3, Hamburg' }))], { location: 'Anker, Hafenstraße 3, Hamburg' }],
  ['a cancelled event is skipped', [ld(event({ eventStatus: 'https://schema.org/EventCancelled' }))], null],
  ['a cancelled event written as schema:EventCancelled is skipped', [ld(event({ eventStatus: 'schema:EventCancelled' }))], null],
  ['a postponed event (its old date no longer holds) is skipped', [ld(event({ eventStatus: 'https://schema.org/EventPostponed' }))], null],
  ['a rescheduled event keeps its new date', [ld(event({ eventStatus: 'https://schema.org/EventRescheduled', startDate: '2026-12-16T20:00:00+01:00' }))], { start: '2026-12-16T20:00:00+01:00' }],
  ['an event without a name is skipped', [ld(event({ name: '' }))], null],
  ['an event without a readable start is skipped', [ld(event({ startDate: 'sometime soon' }))], null],
  ['a venue is not an event', [ld(JSON.stringify({ '@type': 'EventVenue', name: 'Anker', startDate: '2026-12-09' }))], null],
  ['a script that is not JSON gives nothing', [ld('{"@type": "Event", "name": ')], null],
  ['another script type is not read', [ld(event({}), 'application/json')], null],
];

describe('extractJsonLdEvents', () => {
  it.each(rows)('%s', (_behaviour, scripts, expected, zone) => {
    const [first, ...rest] = extractJsonLdEvents(page(scripts), { ...context, timeZone: zone ?? context.timeZone });
    if (expected === null) return expect(first).toBeUndefined();
    expect(rest).toEqual([]);
    expect(first).toMatchObject({ source: 'json-ld', ...Object.fromEntries(Object.entries(expected).filter(([, v]) => v !== undefined)) });
    for (const [key, value] of Object.entries(expected)) if (value === undefined) expect(first).not.toHaveProperty(key);
  });

  it('finds an event once even when the graph mentions it twice', () => {
    const graph = JSON.stringify({ '@graph': [{ '@id': '#quiz', ...JSON.parse(event({})) }, { '@type': 'WebPage', about: { '@id': '#quiz' } }] });
    expect(extractJsonLdEvents(page([ld(graph)]), context)).toHaveLength(1);
  });
});
