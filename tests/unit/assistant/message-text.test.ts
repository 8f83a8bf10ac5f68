import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isAscii, isWhitespace, lowerSameLength, nfkc, singleSpaced } from '../../../shared/assistant/message-text.ts';

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
  it('tells ASCII as its pattern did: printable, tab, line feed and carriage return only', () => {
    const controls = fc.constantFrom('\u0000', '\u0008', '\u000b', '\u000c', '\u001f', '\u007f', '\u0080', '~', ' ');
    fc.assert(
      fc.property(fc.array(fc.oneof(pieces, controls), { maxLength: 6 }).map((p) => p.join('')), (s) => {
        expect(isAscii(s)).toBe(/^[\t\n\r -~]*$/.test(s));
      }),
      { numRuns: 3000 },
    );
  });

  it('knows every code unit \\s matches, and no other', () => {
    const wrong: number[] = [];
    for (let c = 0; c <= 0xffff; c += 1) if (isWhitespace(c) !== /\s/.test(String.fromCharCode(c))) wrong.push(c);
    expect(wrong).toEqual([]);
  });
});
