/**
 * Printable ASCII and the usual whitespace (tab, line feed, carriage return); a rarer control character only takes
 * the long way. A loop over the code units: the pattern it replaces (/^[\t\n\r -~]*$/) cost more to call than to run.
 */
export function isAscii(s: string): boolean {
  for (let i = 0; i < s.length; i += 1) if (!isAsciiCode(s.charCodeAt(i))) return false;
  return true;
}

/** Whether a code unit is one isAscii allows. */
export function isAsciiCode(c: number): boolean {
  return c <= 126 && (c >= 32 || c === 9 || c === 10 || c === 13);
}

/** NFKC of a message. ASCII is its own NFKC, and ICU's normalize costs about a microsecond even on plain ASCII. */
export function nfkc(s: string): string {
  return isAscii(s) ? s : s.normalize('NFKC');
}

/** Lower case, except characters whose lower case is longer or shorter ("İ"): positions found in it hold in the original. */
export function lowerSameLength(s: string): string {
  if (isAscii(s)) return s.toLowerCase();
  let out = '';
  for (const c of s) {
    const l = c.toLowerCase();
    out += l.length === c.length ? l : c;
  }
  return out;
}

/**
 * Each run of whitespace as one space. Only a whitespace other than a space, or two in a row, make the replace change
 * the text; a loop finds most messages already so, where the replace costs four times as much.
 */
export function singleSpaced(s: string): string {
  for (let i = 0; i < s.length; i += 1) {
    const c = s.charCodeAt(i);
    if (c === 32 ? i + 1 < s.length && isWhitespace(s.charCodeAt(i + 1)) : (c <= 13 && c >= 9) || (c >= 0xa0 && isWhitespace(c))) return s.replace(/\s+/g, ' ');
  }
  return s;
}

/** Whether a code unit is one of \s (ECMA-262's WhiteSpace and LineTerminator). */
export function isWhitespace(c: number): boolean {
  if (c <= 32) return c === 32 || (c >= 9 && c <= 13);
  if (c < 0xa0) return false;
  return c === 0xa0 || c === 0x1680 || (c >= 0x2000 && c <= 0x200a) || c === 0x2028 || c === 0x2029 || c === 0x202f || c === 0x205f || c === 0x3000 || c === 0xfeff;
}
