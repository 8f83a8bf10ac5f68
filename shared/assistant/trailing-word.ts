import { isWhitespace } from './message-text.ts';

/**
 * A title's dangling last word taken off ("lunch with" once the guest's address has been used), read from the end:
 * the patterns that did it (`\s+(with|mit|…)$`) were tried by the regex engine at every position of the title, where
 * the answer lies in its last few characters.
 */

/**
 * `s` without its last word and the spaces before it, where that word is one of `words` (lower case; the word is
 * compared lower-cased) and a space comes before it: `s.replace(/\s+(word|word…)$/i, '')` for words of ASCII letters
 * or of characters without case.
 */
export function withoutLastWordOf(s: string, words: ReadonlySet<string>): string {
  let start = s.length;
  while (start > 0 && !isWhitespace(s.charCodeAt(start - 1))) start -= 1;
  if (start === 0 || start === s.length || !words.has(s.slice(start).toLowerCase())) return s;
  return s.slice(0, spacesBefore(s, start));
}

/**
 * `s` without a last `word` (of ASCII letters, as typed) standing as a word of its own, and the spaces around it:
 * `s.replace(new RegExp(`\\s*\\b${word}\\b\\s*$`), '')`.
 */
export function withoutTrailingWord(s: string, word: string): string {
  let end = s.length;
  while (end > 0 && isWhitespace(s.charCodeAt(end - 1))) end -= 1;
  const start = end - word.length;
  if (start < 0 || !s.startsWith(word, start) || (start > 0 && isWordCode(s.charCodeAt(start - 1)))) return s;
  return s.slice(0, spacesBefore(s, start));
}

/** Where the run of spaces that ends before `at` starts (`at` itself when there is none). */
function spacesBefore(s: string, at: number): number {
  let from = at;
  while (from > 0 && isWhitespace(s.charCodeAt(from - 1))) from -= 1;
  return from;
}

/** A character of `\w` (`\b` lies between one of these and one that is not). */
function isWordCode(c: number): boolean {
  return (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 95;
}
