// Printable ASCII and the usual whitespace; a rarer control character only takes the long way.
const ASCII = /^[\t\n\r -~]*$/;

export function isAscii(s: string): boolean {
  return ASCII.test(s);
}

/** NFKC of a message. ASCII is its own NFKC, and ICU's normalize costs about a microsecond even on plain ASCII. */
export function nfkc(s: string): string {
  return ASCII.test(s) ? s : s.normalize('NFKC');
}

/** Lower case, except characters whose lower case is longer or shorter ("İ"): positions found in it hold in the original. */
export function lowerSameLength(s: string): string {
  if (ASCII.test(s)) return s.toLowerCase();
  let out = '';
  for (const c of s) {
    const l = c.toLowerCase();
    out += l.length === c.length ? l : c;
  }
  return out;
}

// A whitespace other than a space, or two in a row: only then does collapsing the runs change the text.
const UNEVEN_SPACING = /[^\S ]|\s\s/;

/** Each run of whitespace as one space; a scan finds most messages already so, where the replace costs four times as much. */
export function singleSpaced(s: string): string {
  return UNEVEN_SPACING.test(s) ? s.replace(/\s+/g, ' ') : s;
}
