import { describe, expect, it } from 'vitest';
import type { EventCandidate } from '../../../shared/extraction/event-candidate.ts';
import { extractFromSelection } from '../../../shared/extraction/extract-events.ts';

/** Now is Wednesday 2026-11-25 10:00 in Berlin: "next Thursday" is 3 December. Prose never gets an end it did not say. */
const options = { now: '2026-11-25T10:00:00+01:00', timeZone: 'Europe/Berlin' };

type Row = [text: string, expected: Array<Partial<EventCandidate>>];

const rows: Row[] = [
  ['Winter Social\n\nJoin us next Thursday at 6pm at the Community Hall. Bring a friend!', [{ title: 'Winter Social', start: '2026-12-03T18:00:00+01:00', end: undefined, location: 'Community Hall' }]],
  ['Join us next Thursday at 6pm at the Community Hall', [{ title: 'Join us next Thursday at 6pm at the Community Hall', start: '2026-12-03T18:00:00+01:00', location: 'Community Hall' }]],
  ['Join us for the Winter Social next Thursday at 6pm at the Community Hall', [{ title: 'Winter Social', location: 'Community Hall' }]],
  ['Mark your calendars: Dec 12 from 7pm to 9pm at Riverside Park', [{ start: '2026-12-12T19:00:00+01:00', end: '2026-12-12T21:00:00+01:00', location: 'Riverside Park' }]],
  ['The market runs Saturday, December 12. Doors open at 6pm.', [{ title: 'Market runs', start: '2026-12-12T18:00:00+01:00' }]],
  ['The market runs on December 12.\nDoors open at 6pm.', [{ title: 'Market runs', start: '2026-12-12T18:00:00+01:00' }]],
  ['Holiday party on Dec 18!', [{ title: 'Holiday party', allDay: true, startDate: '2026-12-18', endDate: '2026-12-19', start: undefined }]],
  ['Team offsite Dec 8 to Dec 10', [{ title: 'Team offsite', allDay: true, startDate: '2026-12-08', endDate: '2026-12-11' }]],
  ['Spring fair on March 28, 2027', [{ title: 'Spring fair', allDay: true, startDate: '2027-03-28', endDate: '2027-03-29' }]],
  ['Run tomorrow morning', [{ title: 'Run', start: '2026-11-26T08:00:00+01:00', allDay: false }]],
  ['Retreat next week', []],
  ['Talk by Dr. A. Weber on Dec 12 at 7pm. Free entry.', [{ start: '2026-12-12T19:00:00+01:00' }]],
  ['Holiday party on Dec 18! Also: book club meets Jan 7 at 7:30pm.', [{ title: 'Holiday party', startDate: '2026-12-18' }, { start: '2027-01-07T19:30:00+01:00' }]],
  ['Vortrag am 12. Dezember 2026 um 19 Uhr', [{ title: 'Vortrag', start: '2026-12-12T19:00:00+01:00' }]],
  ['Sterne über Leipzig\nVortrag am 12. Dezember 2026 um 19 Uhr im Gemeindesaal der Nikolaikirche. Eintritt frei.', [{ title: 'Sterne über Leipzig', location: 'Gemeindesaal der Nikolaikirche' }]],
  ['Treffen am 3. Jan. um 10 Uhr. Danach Kaffee.', [{ title: 'Treffen', start: '2027-01-03T10:00:00+01:00' }]],
  ['Atelier de poterie le jeudi 10 décembre 2026 à 18h30 à la Maison des Associations', [{ title: 'Atelier de poterie', start: '2026-12-10T18:30:00+01:00', location: 'Maison des Associations' }]],
  ['Doors open at 6pm.', []],
  ['Our volunteers did a great job last year.', []],
  ['Bring a friend and a dish to share!', []],
  ['Please cancel my dentist appointment on Friday', []],
  ['', []],
];

describe('extractFromSelection', () => {
  it.each(rows)('%j', (text, expected) => {
    const events = extractFromSelection(text, options);
    expect(events).toHaveLength(expected.length);
    expected.forEach((fields, i) => {
      expect(events[i]).toMatchObject({ source: 'text', ...Object.fromEntries(Object.entries(fields).filter(([, v]) => v !== undefined)) });
      for (const [key, value] of Object.entries(fields)) if (value === undefined) expect(events[i]).not.toHaveProperty(key);
    });
  });

  it('keeps the selected text as the description and is less sure than structured data', () => {
    const [event] = extractFromSelection('Winter Social\nJoin us next Thursday at 6pm.', { ...options, url: 'https://example.org/newsletter' });
    expect(event).toMatchObject({ description: 'Winter Social\nJoin us next Thursday at 6pm.', url: 'https://example.org/newsletter' });
    expect(event!.confidence).toBeLessThanOrEqual(0.5);
  });

  it('reads the language it is told', () => {
    expect(extractFromSelection('Vortrag am 12. Dezember 2026 um 19 Uhr', { ...options, language: 'de' })[0]?.start).toBe('2026-12-12T19:00:00+01:00');
  });

  it('refuses an unknown zone or an unreadable now', () => {
    expect(() => extractFromSelection('Lunch tomorrow at 1pm', { ...options, timeZone: 'Mars/Olympus' })).toThrow(RangeError);
    expect(() => extractFromSelection('Lunch tomorrow at 1pm', { ...options, now: 'yesterday-ish' })).toThrow(RangeError);
  });
});
