import fc from 'fast-check';
import { parseHTML } from 'linkedom';
import { describe, expect, it } from 'vitest';
import { eventCandidateSchema } from '../../../shared/extraction/event-candidate.ts';
import { extractEvents, extractFromSelection, MAX_CANDIDATES } from '../../../shared/extraction/extract-events.ts';
import { parseIcs } from '../../../shared/extraction/ics-links.ts';

const options = { now: '2026-11-25T10:00:00+01:00', timeZone: 'Europe/Berlin', url: 'https://example.org/' };

/** Pieces of the markup the sources look for, so random pages reach deep into them rather than stopping at the first check. */
const piece = fc.oneof(
  fc.string({ maxLength: 40 }),
  fc.constantFrom(
    '<script type="application/ld+json">', '</script>', '{"@type":"Event","name":"', '","startDate":"2026-12-0', '"location":{"@id":"#v"}', '{"@graph":[', ']}', ',',
    '<div itemscope itemtype="https://schema.org/Event">', '<span itemprop="name">', '<meta itemprop="startDate" content="2026-12-09T20:00">', '</div>', '</span>',
    '<div class="h-event">', '<span class="p-name">', '<span class="dt-start"><span class="value">2026-12-09</span><span class="value">', '<time datetime="', '">', '</time>',
    '<h2>', '</h2>', '<section>', '</section>', '<s>', '<a href="https://calendar.google.com/calendar/render?action=TEMPLATE&text=x&dates=', '20261209T200000Z/', '20261209', '&ctz=', '">x</a>',
    '<base href="', '<p>', 'next Thursday at 6pm', ' am 12. Dezember ', '\u0000', '&amp;', '<!--', '-->',
  ),
);
const randomPage = fc.array(piece, { maxLength: 30 }).map((parts) => parts.join(''));

describe('robustness', () => {
  it('any text in a page body gives valid candidates and never throws', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 300 }), (text) => {
        const { document } = parseHTML(`<html><body>${text}</body></html>`);
        const events = extractEvents(document, options);
        expect(events.length).toBeLessThanOrEqual(MAX_CANDIDATES);
        for (const event of events) expect(eventCandidateSchema.safeParse(event).success).toBe(true);
      }),
      { numRuns: 150 },
    );
  });

  it('pages built from the markup the sources look for never throw, with or without a selection', () => {
    fc.assert(
      fc.property(randomPage, fc.option(fc.string({ maxLength: 80 }), { nil: undefined }), (html, selection) => {
        const { document } = parseHTML(`<html><head>${html}</head><body>${html}</body></html>`);
        const events = extractEvents(document, { ...options, ...(selection === undefined ? {} : { selection }) });
        for (const event of events) expect(eventCandidateSchema.safeParse(event).success).toBe(true);
      }),
      { numRuns: 150 },
    );
  });

  it('any text as a selection or as an .ics file never throws', () => {
    const icsLine = fc.oneof(fc.string({ maxLength: 30 }), fc.constantFrom('BEGIN:VCALENDAR', 'END:VCALENDAR', 'BEGIN:VEVENT', 'END:VEVENT', 'SUMMARY:x', 'DTSTART:20261209T200000Z', 'DTSTART;VALUE=DATE:2026120', 'DTSTART;TZID=Nowhere:20261209T200000', 'DURATION:P', 'DTEND:garbage', 'BEGIN:VTIMEZONE', 'TZID:x'));
    fc.assert(
      fc.property(fc.string({ maxLength: 200 }), fc.array(icsLine, { maxLength: 15 }), (text, lines) => {
        extractFromSelection(text, options);
        parseIcs(lines.join('\r\n'), { timeZone: options.timeZone });
      }),
      { numRuns: 150 },
    );
  });
});
