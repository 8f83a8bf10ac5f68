import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { withoutLastWordOf, withoutTrailingWord } from '../../../shared/assistant/trailing-word.ts';

// Titles made of the words themselves in any case, their neighbours ("without", "xwith"), punctuation, and every kind of space.
const spaces = [' ', '  ', '\t', '\u00a0', '\u2003', '\u3000', '\n', '\ufeff'];
const pieces = ['with', 'With', 'WITH', 'wIth', 'mit', 'avec', 'con', 'com', 'met', 'と', 'without', 'xwith', 'with1', '_with', 'lunch', 'Anna', ',', '.', '-', 'é', 'K', 'İ', 'ſ', ...spaces];
const titles = fc.array(fc.constantFrom(...pieces), { maxLength: 8 }).map((ps) => ps.join(''));

describe('trailing word', () => {
  it('takes off a last word of the list and the spaces before it, as \\s+(w|…)$ with the i flag does', () => {
    const words = ['with', 'mit', 'avec', 'con', 'com', 'met', 'と'];
    const pattern = new RegExp(`\\s+(${words.join('|')})$`, 'i');
    fc.assert(fc.property(titles, (s) => {
      expect(withoutLastWordOf(s, new Set(words))).toBe(s.replace(pattern, ''));
    }), { numRuns: 5000 });
  });

  it('takes off a last word standing alone and the spaces around it, as \\s*\\bword\\b\\s*$ does', () => {
    fc.assert(fc.property(titles, fc.constantFrom('with', 'mit', 'con'), (s, word) => {
      expect(withoutTrailingWord(s, word)).toBe(s.replace(new RegExp(`\\s*\\b${word}\\b\\s*$`), ''));
    }), { numRuns: 5000 });
  });

  it('treats every code unit as the patterns do: spaces as \\s, letters as \\w', () => {
    for (let c = 0; c < 0x10000; c += 1) {
      const ch = String.fromCharCode(c);
      for (const s of [`lunch${ch}with`, `${ch}with`, `lunch with${ch}`, `lunch${ch}`]) {
        expect(withoutLastWordOf(s, new Set(['with']))).toBe(s.replace(/\s+(with)$/i, ''));
        expect(withoutTrailingWord(s, 'with')).toBe(s.replace(/\s*\bwith\b\s*$/, ''));
      }
    }
  });
});
