import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { allMatches } from '../../../shared/assistant/compiled.ts';

const shape = (ms: RegExpExecArray[] | RegExpMatchArray[]) => ms.map((m) => ({ index: m.index, groups: [...m] }));

describe('allMatches', () => {
  // Patterns that match nothing, something, the empty string between characters, and single code units of a pair.
  const patterns = ['a', 'ab|b', '\\b(?:at|in) (?=[A-Z0-9])', 'x*', '(?:)', '(?=b)', '\\b', '.', '(a)?', '[\\s\\S]'];
  const texts = fc.array(fc.constantFrom('a', 'b', 'ab', ' ', 'at ', 'in ', 'X', '9', 'é', '😀', '\ud83d', '\ude00'), { maxLength: 10 }).map((parts) => parts.join(''));

  it('finds what matchAll finds, empty matches and surrogate pairs included, with and without the u flag', () => {
    fc.assert(
      fc.property(fc.constantFrom(...patterns), fc.constantFrom('g', 'gu', 'gi', 'gv'), texts, (source, flags, text) => {
        const pattern = new RegExp(source, flags);
        expect(shape(allMatches(pattern, text))).toEqual(shape([...text.matchAll(new RegExp(source, flags))]));
        // The pattern is left as found for its next user.
        expect(pattern.lastIndex).toBe(0);
      }),
      { numRuns: 3000 },
    );
  });

  it('starts from the beginning whatever the pattern was left at', () => {
    const pattern = /a/g;
    pattern.lastIndex = 2;
    expect(allMatches(pattern, 'aaa').map((m) => m.index)).toEqual([0, 1, 2]);
  });

  it('refuses a pattern without the g flag, as matchAll does', () => {
    expect(() => allMatches(/a/, 'a')).toThrow(TypeError);
  });
});
