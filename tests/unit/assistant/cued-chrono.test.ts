import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import * as chrono from 'chrono-node';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CHRONO_ZONE_ABBREVIATIONS } from '../../../shared/assistant/languages/chrono-zone-abbreviations.ts';
import { cuedChrono, englishCue, englishRefinerNeed } from '../../../shared/assistant/languages/cued-chrono.ts';
import { packFor } from '../../../shared/assistant/languages/index.ts';
import { packGate } from '../../../shared/assistant/literal-gate.ts';
import { lowerSameLength } from '../../../shared/assistant/message-text.ts';

/**
 * The cued chrono skips parsers whose words are absent; each cue must be a necessary condition for its parser, so
 * the results are chrono's own. A chrono upgrade that widens a pattern past its cue fails here.
 */
const cued = cuedChrono(chrono.en.casual, englishCue, englishRefinerNeed);
const reference = new Date(2026, 10, 25, 10, 0, 0);
const shape = (results: chrono.ParsedResult[]) => results.map((r) => ({ index: r.index, text: r.text, start: r.start.date().getTime(), end: r.end?.date().getTime() ?? null, tags: [...r.tags()].sort() }));
function same(text: string, forwardDate: boolean): void {
  expect(shape(cued.parse(text, { instant: reference }, { forwardDate }))).toEqual(shape(chrono.en.casual.parse(text, { instant: reference }, { forwardDate })));
}

const words = ['in', 'a', 'an', 'the', 'few', 'couple', 'of', 'half', 'two', '2', '15', 'minutes', 'mins', 'h', 'd', 'hours', 'days', 'weeks', 'ago', 'later', 'after', 'before', 'from now', 'next', 'last', 'this', 'past', '+', '-',
  'monday', 'Fri', 'weekend', 'dec', 'March', '8th', 'twenty first', 'tomorrow', 'tonight', 'tmrw', 'noon', 'midnight', 'morning', 'end of month', 'last day of the month', 'at', '3pm', '14:00', '9.30', '2027-03-28', '3/14', '12/2026', 'to', 'until', 'o clock',
  // What the refiners look for: ranges, a weekday before a date, a period's end, a zone or offset after a time, a year after a date, "may" and "the second".
  'end of', 'last day of', 'of', 'the', 'may', 'in may', 'the second', 'second', ',', 'Friday,', 'June 10', 'EST', 'PT', 'JST', 'est', 'cat', 'eat', '(PST)', ', CET', 'GMT+2', '+02:00', '-0500', '(UTC)', '2027', '1999', '99', 'AD', 'and', '&', 'through',
  // What UnlikelyFormatFilter drops: no such day (February 30, the 29th in a common year), no such hour, a number alone.
  'february', 'feb 29', 'april', '30', '31st', '29th', '2028', '2100', '24:00', '23:59', '10', '3.5', '1.30'];

describe('cued chrono', () => {
  it('finds what chrono finds in word salad of its own vocabulary', () => {
    fc.assert(fc.property(fc.array(fc.constantFrom(...words), { minLength: 1, maxLength: 8 }), fc.boolean(), (ws, forwardDate) => same(ws.join(' '), forwardDate)), { numRuns: 1500 });
  });

  it('finds what chrono finds whatever the case, in ASCII text and in text with other characters', () => {
    const cased = fc.tuple(fc.constantFrom(...words), fc.constantFrom('lower', 'upper', 'title')).map(([w, c]) => (c === 'upper' ? w.toUpperCase() : c === 'title' ? w[0]!.toUpperCase() + w.slice(1) : w));
    const other = fc.constantFrom('', 'é', 'Réunion', '日', 'ſ', 'K');
    fc.assert(fc.property(fc.array(fc.tuple(cased, other), { minLength: 1, maxLength: 8 }), fc.boolean(), (ws, forwardDate) => same(ws.flat().join(' '), forwardDate)), { numRuns: 1500 });
  });

  it('finds what chrono finds in arbitrary text', () => {
    fc.assert(fc.property(fc.string({ maxLength: 60 }), fc.boolean(), (text, forwardDate) => same(text, forwardDate)), { numRuns: 500 });
  });

  it('finds what chrono finds when the literal gate says which cue words occur, in the text or in a message around it', () => {
    // The parser's path: the pack's gate walks the lower-cased message once, for its stages and for chrono's cues.
    const en = packFor('en');
    const gate = packGate(en);
    const cased = fc.tuple(fc.constantFrom(...words), fc.constantFrom('lower', 'upper', 'title')).map(([w, c]) => (c === 'upper' ? w.toUpperCase() : c === 'title' ? w[0]!.toUpperCase() + w.slice(1) : w));
    fc.assert(
      fc.property(fc.array(fc.oneof(cased, fc.constantFrom('é', 'Réunion', 'ſ', 'K')), { minLength: 1, maxLength: 10 }), fc.nat(), fc.nat(), fc.boolean(), (ws, a, b, forwardDate) => {
        const message = ws.join(' ');
        // A part of the message, as "move X to Y" parses each side, read with the whole message's words.
        const [from, to] = [a % (message.length + 1), b % (message.length + 1)].sort((x, y) => x - y) as [number, number];
        for (const [text, found] of [[message, gate.wordsIn(lowerSameLength(message))], [message.slice(from, to), gate.wordsIn(lowerSameLength(message))]] as const) {
          const option = { forwardDate };
          expect(shape(en.chrono.parseFound!(text, found, { instant: reference }, option))).toEqual(shape(chrono.en.casual.parse(text, { instant: reference }, option)));
        }
      }),
      { numRuns: 1500 },
    );
  });

  it('knows the zone abbreviations chrono knows', async () => {
    // chrono does not export its map; its file is read by path, past the package's exports.
    const timezoneFile = join(dirname(createRequire(import.meta.url).resolve('chrono-node')), 'timezone.js');
    const { TIMEZONE_ABBR_MAP } = (await import(pathToFileURL(timezoneFile).href)) as { TIMEZONE_ABBR_MAP: Record<string, unknown> };
    expect([...CHRONO_ZONE_ABBREVIATIONS].sort()).toEqual(Object.keys(TIMEZONE_ABBR_MAP).sort());
  });

  const evalFile = join(import.meta.dirname, '..', '..', '..', '..', 'shared', 'eval', 'massive-calendar-en-US-test.jsonl');
  it.skipIf(!existsSync(evalFile))('finds what chrono finds in MASSIVE test utterances', () => {
    for (const line of readFileSync(evalFile, 'utf8').split('\n').filter(Boolean)) same((JSON.parse(line) as { text: string }).text, true);
  });
});
