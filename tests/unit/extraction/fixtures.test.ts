import { readFileSync } from 'node:fs';
import { parseHTML } from 'linkedom';
import { describe, expect, it } from 'vitest';
import type { EventCandidate } from '../../../shared/extraction/event-candidate.ts';
import { extractEvents, rankEventCandidates } from '../../../shared/extraction/extract-events.ts';
import { findIcsLinks, parseIcs } from '../../../shared/extraction/ics-links.ts';

/**
 * Every fixture page, with the event a reader would want first worked out by
 * hand. "Now" is Wednesday 2026-11-25 10:00 in Berlin (winter time, +01:00),
 * so "next Thursday" is 2026-12-03; London and Lisbon are at +00:00, New York
 * at -05:00. All-day ends are exclusive.
 */
const NOW = '2026-11-25T10:00:00+01:00';
const BERLIN = 'Europe/Berlin';
const FIXTURES = new URL('../../fixtures/pages/', import.meta.url);

type Summary = Pick<EventCandidate, 'title' | 'start' | 'end' | 'allDay' | 'startDate' | 'endDate' | 'location' | 'source'>;
interface Row {
  file: string;
  what: string;
  options?: { url?: string; selection?: string; timeZone?: string };
  best: Partial<Summary> | null;
  count?: number;
  also?: Array<Partial<Summary>>;
  never?: string[];
}

const timed = (title: string, start: string, end: string | undefined, location: string | undefined, source: EventCandidate['source']): Summary => ({ title, start, end, allDay: false, startDate: undefined, endDate: undefined, location, source });
const allDay = (title: string, startDate: string, endDate: string, location: string | undefined, source: EventCandidate['source']): Summary => ({ title, start: undefined, end: undefined, allDay: true, startDate, endDate, location, source });

const rows: Row[] = [
  {
    file: 'conference-json-ld-graph.html',
    what: 'an @graph Event whose Place is an @id reference; local times in the venue country (GB) zone; the hero <time>s merge into it',
    best: timed('Northwind Data Summit 2026', '2026-12-08T09:00:00+00:00', '2026-12-09T17:30:00+00:00', 'Riverside Conference Centre, 12 Wharf Road, N1 7GR London', 'json-ld'),
    count: 1,
  },
  {
    file: 'meetup-json-ld-array.html',
    what: 'a JSON-LD array of SocialEvents, first in page order first',
    options: { url: 'https://meetup.example/berlinjs/' },
    best: timed('Berlin JS Meetup #87: Signals in Practice', '2026-12-03T19:00:00+01:00', '2026-12-03T21:30:00+01:00', 'Factory Kreuzberg, Lohmühlenstraße 65, 12435 Berlin', 'json-ld'),
    count: 3,
    also: [{ title: 'Berlin JS Holiday Hack Night', start: '2026-12-17T18:30:00+01:00' }, { title: 'Berlin JS Meetup #88: Testing Without Mocks', start: '2027-01-14T19:00:00+01:00' }],
  },
  {
    file: 'ticketing-microdata.html',
    what: 'microdata Event: <meta content> start, <time datetime> end, nested Place and PostalAddress',
    options: { url: 'https://tickets.example.com/e/8812' },
    best: timed('Ceramics for Beginners: Wheel Throwing Workshop', '2026-12-10T18:30:00+01:00', '2026-12-10T21:00:00+01:00', 'Clay Corner Studio, Weserstraße 180, 12045 Berlin', 'microdata'),
    count: 1,
  },
  {
    file: 'h-event.html',
    what: 'h-event with a value-class start, a time-only dt-end and an h-card location; the post date is no event',
    best: timed('IndieWebCamp Hamburg', '2026-12-12T10:00:00+01:00', '2026-12-12T18:00:00+01:00', 'Betahaus Hamburg, Eifflerstraße 43, Hamburg', 'h-event'),
    count: 1,
  },
  { file: 'newsletter-plain-text.html', what: 'plain prose and no selection: nothing to offer', best: null, count: 0 },
  {
    file: 'newsletter-plain-text.html',
    what: 'plain prose with the paragraph selected: the heading line titles it, "at the Community Hall" places it',
    options: { selection: 'Winter Social\n\nJoin us next Thursday at 6pm at the Community Hall. Bring a friend and a dish to share!' },
    best: timed('Winter Social', '2026-12-03T18:00:00+01:00', undefined, 'Community Hall', 'text'),
    count: 1,
  },
  {
    file: 'google-calendar-link.html',
    what: 'Google template links: UTC dates shown in ctz, local dates in ctz, an all-day span with its exclusive end',
    best: timed('Accessibility Office Hours', '2026-12-08T10:00:00-05:00', '2026-12-08T11:00:00-05:00', 'Online – video.example.org', 'google-calendar-link'),
    count: 3,
    also: [
      timed('Portfolio review night', '2026-12-15T18:00:00+00:00', '2026-12-15T19:30:00+00:00', 'Rua da Prata 80, Lisboa', 'google-calendar-link'),
      allDay('Studio closed (holidays)', '2026-12-24', '2026-12-27', undefined, 'google-calendar-link'),
    ],
  },
  {
    file: 'ics-link.html',
    what: 'an .ics link page: before the file is fetched, the <time> range under the page heading',
    best: allDay('Lindenau Winter Market', '2026-12-12', '2026-12-14', undefined, 'time-element'),
    count: 1,
  },
  {
    file: 'blog-time-element.html',
    what: '<time> range under an h2; the post date and a past comment time are no events',
    best: timed('Seed swap at the old library', '2026-12-05T14:00:00+01:00', '2026-12-05T17:00:00+01:00', undefined, 'time-element'),
    count: 1,
  },
  { file: 'german-text.html', what: 'German prose and no selection: nothing', best: null, count: 0 },
  {
    file: 'german-text.html',
    what: 'German prose selected: "am 12. Dezember 2026 um 19 Uhr im Gemeindesaal …"',
    options: { selection: 'Sterne über Leipzig\nVortrag am 12. Dezember 2026 um 19 Uhr im Gemeindesaal der Nikolaikirche. Eintritt frei, Spenden willkommen.' },
    best: timed('Sterne über Leipzig', '2026-12-12T19:00:00+01:00', undefined, 'Gemeindesaal der Nikolaikirche', 'text'),
    count: 1,
  },
  {
    file: 'german-json-ld.html',
    what: 'German MusicEvent with a language-tagged name; the Google link for the same concert merges into it',
    best: timed('Weihnachtskonzert des Gewandhauschors', '2026-12-20T17:00:00+01:00', '2026-12-20T19:00:00+01:00', 'Thomaskirche, Thomaskirchhof 18, 04109 Leipzig', 'json-ld'),
    count: 1,
  },
  {
    file: 'french-text.html',
    what: 'French prose selected, reader in Paris: "le jeudi 10 décembre 2026 à 18h30 à la Maison des Associations"',
    options: { timeZone: 'Europe/Paris', selection: 'Atelier de poterie\nRejoignez-nous le jeudi 10 décembre 2026 à 18h30 à la Maison des Associations. Tout le matériel est fourni.' },
    best: timed('Atelier de poterie', '2026-12-10T18:30:00+01:00', undefined, 'Maison des Associations', 'text'),
    count: 1,
  },
  {
    file: 'cancelled-event.html',
    what: 'an EventCancelled screening is skipped, and so is its struck-out <time>',
    best: timed('Winter Solstice Lantern Walk', '2026-12-21T16:00:00+01:00', '2026-12-21T18:00:00+01:00', 'Harbour Arts courtyard, Kaiser-Wilhelm-Straße 9, Hamburg', 'json-ld'),
    count: 1,
    never: ['Rooftop Film Night'],
  },
  {
    file: 'online-event.html',
    what: 'an online EducationEvent: the VirtualLocation link is the place; UTC shown in the reader zone',
    best: timed('Intro to Typst: Writing Your Thesis', '2026-12-02T17:00:00+01:00', '2026-12-02T18:30:00+01:00', 'https://meet.example.com/j/4471-9920', 'json-ld'),
    count: 1,
  },
  {
    file: 'festival-multi-day.html',
    what: 'a Festival over three days is all-day with an exclusive end; its subEvents follow',
    best: allDay('Elbufer Sommerfestival 2027', '2027-07-16', '2027-07-19', 'Elbwiesen am Blauen Wunder, Dresden', 'json-ld'),
    count: 3,
    also: [
      timed('Eröffnungskonzert: Dresdner Brass Collective', '2027-07-16T19:00:00+02:00', '2027-07-16T21:00:00+02:00', 'Hauptbühne', 'json-ld'),
      timed('Puppentheater für Kinder', '2027-07-17T11:00:00+02:00', undefined, 'Zeltbühne', 'json-ld'),
    ],
  },
  { file: 'no-event.html', what: 'a recipe: a Recipe in JSON-LD, a post date, a plain calendar link', best: null, count: 0 },
  {
    file: 'malformed-json-ld.html',
    what: 'broken JSON-LD is passed over and the h-event still found',
    best: timed('Repair Café Connewitz', '2026-12-06T14:00:00+01:00', '2026-12-06T17:00:00+01:00', 'Werk 2, Kochstraße 132, Leipzig', 'h-event'),
    count: 1,
  },
];

function page(file: string): Document {
  return parseHTML(readFileSync(new URL(file, FIXTURES), 'utf8')).document;
}

function summary(c: EventCandidate): Summary {
  return { title: c.title, start: c.start, end: c.end, allDay: c.allDay, startDate: c.startDate, endDate: c.endDate, location: c.location, source: c.source };
}

describe('extractEvents over the fixture pages', () => {
  it.each(rows)('$file: $what', ({ file, options, best, count, also, never }) => {
    const events = extractEvents(page(file), { now: NOW, timeZone: options?.timeZone ?? BERLIN, ...options });
    if (best === null) expect(events).toEqual([]);
    else expect(summary(events[0]!)).toEqual(best);
    if (count !== undefined) expect(events).toHaveLength(count);
    for (const other of also ?? []) expect(events.map(summary)).toContainEqual(expect.objectContaining(other));
    for (const title of never ?? []) expect(events.map((e) => e.title)).not.toContain(title);
  });

  it('resolves a microdata url against the page and keeps the description paragraphs', () => {
    const [event] = extractEvents(page('ticketing-microdata.html'), { now: NOW, timeZone: BERLIN, url: 'https://tickets.example.com/e/8812' });
    expect(event).toMatchObject({
      url: 'https://tickets.example.com/e/ceramics-for-beginners-wheel-throwing-workshop-8812',
      description: 'Learn to centre, open and pull your first pots in a small group of six. All materials and one firing included.',
      timeZone: BERLIN,
    });
  });

  it('names the venue zone of a JSON-LD event whose times carry no offset', () => {
    const [event] = extractEvents(page('conference-json-ld-graph.html'), { now: NOW, timeZone: BERLIN });
    expect(event).toMatchObject({ timeZone: 'Europe/London', description: 'Two days of talks & workshops on data engineering, analytics and the people who do it.', url: 'https://summit.northwind.example/' });
  });

  it('turns Google template details into a description, <br> as a line break', () => {
    const [event] = extractEvents(page('google-calendar-link.html'), { now: NOW, timeZone: BERLIN });
    expect(event).toMatchObject({ description: 'Join at https://video.example.org/a11y-hours\nBring your questions.', timeZone: 'America/New_York' });
  });
});

describe('the .ics fixture', () => {
  const ics = readFileSync(new URL('winter-market.ics', FIXTURES), 'utf8');

  it('lists the calendar files the page links to, webcal as https', () => {
    expect(findIcsLinks(page('ics-link.html'), { baseUrl: 'https://markets.example.org/lindenau/' })).toEqual([
      'https://markets.example.org/calendar/markets-feed',
      'https://markets.example.org/lindenau/winter-market.ics',
      'https://markets.example.org/feeds/lindenau.ics',
    ]);
  });

  it('reads TZID, Windows-named, UTC and all-day VEVENTs, DURATION as the end, and skips the cancelled one', () => {
    const events = parseIcs(ics, { timeZone: BERLIN });
    expect(events.map(summary)).toEqual([
      timed('Winter Market: Opening Night', '2026-12-11T17:00:00+01:00', '2026-12-11T21:00:00+01:00', 'Josephstraße, Leipzig', 'ics'),
      allDay('Lindenau Winter Market', '2026-12-12', '2026-12-14', 'Josephstraße, Leipzig', 'ics'),
      timed('Stallholders briefing', '2026-12-10T19:00:00+01:00', '2026-12-10T20:30:00+01:00', 'Stadtteilladen, Josephstraße 27', 'ics'),
      timed("Children's choir on the main stage", '2026-12-13T16:00:00+01:00', '2026-12-13T17:00:00+01:00', undefined, 'ics'),
    ]);
    expect(events[0]).toMatchObject({ timeZone: BERLIN, description: 'Lights on at five, brass band at six.\nFree entry.', url: 'https://markets.example.org/lindenau/opening' });
  });

  it('shows UTC events in a reader zone elsewhere and TZID events in their own zone', () => {
    const events = parseIcs(ics, { timeZone: 'America/New_York' });
    expect(events.find((e) => e.title.startsWith('Children'))?.start).toBe('2026-12-13T10:00:00-05:00');
    expect(events[0]?.start).toBe('2026-12-11T17:00:00+01:00');
  });

  it('merges the fetched file with the page: the file wins over the page <time> for the same market', () => {
    const fromPage = extractEvents(page('ics-link.html'), { now: NOW, timeZone: BERLIN, url: 'https://markets.example.org/lindenau/' });
    const merged = rankEventCandidates([...fromPage, ...parseIcs(ics, { timeZone: BERLIN })]);
    expect(merged).toHaveLength(4);
    expect(merged.filter((e) => e.title === 'Lindenau Winter Market').map(summary)).toEqual([allDay('Lindenau Winter Market', '2026-12-12', '2026-12-14', 'Josephstraße, Leipzig', 'ics')]);
  });
});
