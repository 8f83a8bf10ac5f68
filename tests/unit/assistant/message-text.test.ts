import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isAscii, lowerSameLength, nfkc, singleSpaced } from '../../../shared/assistant/message-text.ts';

/** The message-text helpers skip work on what most messages are (ASCII, single-spaced); each must say what the long way says. */
const spaces = ['', ' ', '  ', '\t', '\n', '\r\n', '\u00a0', '\u2003', '\u3000', '\ufeff', ' \u00a0'];
const pieces = fc.array(fc.oneof(fc.constantFrom(...spaces), fc.string({ maxLength: 6 }), fc.constantFrom('İstanbul', 'Straße', 'ＡＢＣ', 'ﬁle', 'K', 'ſ')), { maxLength: 12 }).map((p) => p.join(''));

describe('message text', () => {
  it('collapses each run of whitespace to one space, as the replace would', () => {
    fc.assert(
      fc.property(pieces, (s) => {
        expect(singleSpaced(s)).toBe(s.replace(/\s+/g, ' '));
      }),
      { numRuns: 3000 },
    );
    expect(singleSpaced('lunch at 1pm')).toBe('lunch at 1pm');
    expect(singleSpaced('lunch\tat  1pm\n')).toBe('lunch at 1pm ');
  });

  it('normalises and lower-cases as the long way does, keeping every position', () => {
    fc.assert(
      fc.property(pieces, (s) => {
        expect(nfkc(s)).toBe(s.normalize('NFKC'));
        const lower = lowerSameLength(s);
        expect(lower.length).toBe(s.length);
        if (isAscii(s)) expect(lower).toBe(s.toLowerCase());
      }),
      { numRuns: 2000 },
    );
  });
});
