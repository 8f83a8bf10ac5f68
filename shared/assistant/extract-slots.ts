import { regexes } from 'zod';
import type { Evidence } from './intent-schema.ts';
import { allMatches, compiled } from './compiled.ts';
import { packGate } from './literal-gate.ts';
import type { LanguagePack } from './language-pack.ts';
import { lowerSameLength } from './message-text.ts';
import { amountOf, namedWeekday, unitMinutes } from './time-mentions.ts';

/** A piece of the message the parser has used, so the title is what is left over. */
export interface Span {
  index: number;
  end: number;
}

export interface Found<T> {
  value: T;
  evidence: Evidence;
}

const EMAIL = /[a-z0-9._%+-]+@[a-z0-9.-]+\.[a-z]{2,}/gi;

export function findDuration(pack: LanguagePack, lower: string): Found<number> | null {
  if (!packGate(pack).mayMatch(pack.duration, lower)) return null;
  const m = pack.duration.exec(lower);
  if (!m) return null;
  const amount = m[1] ?? m[3];
  const unit = m[2] ?? m[4];
  if (!amount || !unit) return null;
  const minutes = Math.round(amountOf(pack, amount) * unitMinutes(pack, unit));
  if (minutes <= 0 || minutes > 24 * 60 * 14) return null;
  return { value: minutes, evidence: { text: m[0], start: m.index, end: m.index + m[0].length, role: 'duration' } };
}

export function findShift(pack: LanguagePack, lower: string): Found<number> | null {
  const gate = packGate(pack);
  for (const [pattern, sign] of [[pack.shiftLater, 1], [pack.shiftEarlier, -1]] as const) {
    if (!gate.mayMatch(pattern, lower)) continue;
    const m = pattern.exec(lower);
    if (!m) continue;
    const amount = m[1] ?? m[3];
    const unit = m[2] ?? m[4];
    if (!amount || !unit) continue;
    return { value: sign * Math.round(amountOf(pack, amount) * unitMinutes(pack, unit)), evidence: { text: m[0], start: m.index, end: m.index + m[0].length, role: 'change' } };
  }
  return null;
}

export function findRecurrence(pack: LanguagePack, lower: string): Found<string> | null {
  const gate = packGate(pack);
  if (!gate.anyMayMatch(pack.recurrence, lower)) return null;
  for (const r of pack.recurrence) {
    if (!gate.mayMatch(r.pattern, lower)) continue;
    const m = r.pattern.exec(lower);
    if (!m) continue;
    const value = r.rule(m);
    // "the 45th of every month" names no day a month has: Google refuses the rule, and rrule searched for half a second.
    const monthDay = /;BYMONTHDAY=(\d+)/.exec(value);
    if (monthDay && !(Number(monthDay[1]) >= 1 && Number(monthDay[1]) <= 31)) continue;
    return { value, evidence: { text: m[0], start: m.index, end: m.index + m[0].length, role: 'recurrence' } };
  }
  return null;
}

export function findEmails(text: string): Array<Found<string>> {
  if (!text.includes('@')) return [];
  // Only addresses the intent schema accepts as attendees: "a%b@x.com" or ".a@x.com" used to end the parse in an error.
  return [...text.matchAll(EMAIL)].filter((m) => regexes.email.test(m[0])).map((m) => ({ value: m[0].toLowerCase(), evidence: { text: m[0], start: m.index!, end: m.index! + m[0].length, role: 'attendee' as const } }));
}

/**
 * Names after "with" that are not emails: "lunch with Anna and Ben" → Anna, Ben.
 * Stops at the first word that is time or command vocabulary.
 */
export function findPeople(pack: LanguagePack, text: string, lower: string, taken: Span[]): Array<Found<string>> {
  const m = pack.withWord.exec(lower);
  if (!m) return [];
  const from = m.index + m[0].length;
  const tail = text.slice(from);
  const words = tail.split(/(\s+|,)/);
  const people: Array<Found<string>> = [];
  let pos = from;
  let current: { text: string; start: number } | null = null;
  const flush = () => {
    if (current && current.text.trim()) {
      const name = current.text.trim();
      people.push({ value: name, evidence: { text: name, start: current.start, end: current.start + name.length, role: 'person' } });
    }
    current = null;
  };
  for (const w of words) {
    const wStart = pos;
    pos += w.length;
    if (!w.trim() || w === ',') continue;
    if (taken.some((s) => wStart >= s.index && wStart < s.end) || /@/.test(w)) {
      if (/@/.test(w)) continue;
      break;
    }
    // The word in the lower-cased message: the same letters, and a part of the message its gate was walked for.
    const lw = lower.slice(wStart, pos);
    if (/^(and|und|et|y|e|en|&)$/.test(lw)) {
      flush();
      continue;
    }
    // Names are capitalised, or short lower-case words typed in a hurry; stop at vocabulary.
    if (compiled(pack.fillers, '').test(lw) && !/^[A-Z]/.test(w)) break;
    if (/^\d/.test(w) || namedWeekday(pack, lw, lower)) break;
    if (!/^[\p{L}'’.-]+$/u.test(w)) break;
    if (current) (current as { text: string }).text += ` ${w}`;
    else current = { text: w, start: wStart };
    if (people.length >= 10) break;
  }
  flush();
  return people;
}

export function findLocation(pack: LanguagePack, text: string, taken: Span[]): Found<string> | null {
  for (const m of allMatches(compiled(pack.locationPrefix, 'g'), text)) {
    const start = m.index! + m[0].length;
    if (taken.some((s) => start >= s.index && start < s.end)) continue;
    // A place runs until the next used span or the end: "at Café Linde tomorrow" → "Café Linde".
    const stop = Math.min(text.length, ...taken.filter((s) => s.index > start).map((s) => s.index));
    const value = text.slice(start, stop).replace(/[\s,.;]+$/, '').trim();
    if (value.length < 2 || /^\d{1,2}(:\d{2})?\s*(am|pm)?$/i.test(value)) continue;
    return { value, evidence: { text: value, start, end: start + value.length, role: 'location' } };
  }
  return null;
}

const SCOPES = ['following', 'instance', 'series'] as const;

export function findScope(pack: LanguagePack, lower: string): Found<'instance' | 'following' | 'series'> | null {
  const gate = packGate(pack);
  for (const scope of SCOPES) {
    if (!gate.mayMatch(pack.scope[scope], lower)) continue;
    const m = pack.scope[scope].exec(lower);
    if (m) return { value: scope, evidence: { text: m[0], start: m.index, end: m.index + m[0].length, role: 'scope' } };
  }
  return null;
}

/** The words left when the used spans and command vocabulary are taken out: the title, or what to look for. */
export function leftover(pack: LanguagePack, text: string, used: Span[]): { text: string; start: number; end: number } | null {
  // One read for what the steps below need: most texts have no punctuation and no apostrophe, and are ASCII.
  let ascii = true;
  let punctuation = false;
  let apostrophe = false;
  for (let i = 0; i < text.length; i += 1) {
    const c = text.charCodeAt(i);
    if (c >= 128) ascii = false;
    if (isPunctuation(c)) punctuation = true;
    else if (c === 39 || c === 0x2019) apostrophe = true;
  }
  let chars = text;
  for (const s of used) chars = chars.slice(0, s.index) + spaces(Math.max(0, Math.min(s.end, text.length) - s.index)) + chars.slice(s.end);
  // Only the English possessive goes with its apostrophe: French and Italian elisions ("Point d'équipe") keep theirs.
  // Two replacements by a string rather than one by a function: the marks are not word characters, so blanking them
  // first leaves the possessive's \b where it was.
  if (punctuation) chars = chars.replace(PUNCTUATION, ' ');
  const apostrophes = apostrophe && hasApostrophe(chars);
  if (apostrophes) chars = chars.replace(POSSESSIVE, '  ');
  // The fillers are lower case: matched in a lower-cased copy of the same length, they need no `i` flag, which
  // doubled the scan's cost. (NFKC has already folded the letters whose case folding differs from their lower case.)
  const fillers = compiled(pack.fillers, 'gu');
  const lowered = ascii ? chars.toLowerCase() : lowerSameLength(chars);
  // An elided word ("d'équipe", "l'école") belongs to the title: a filler glued to an apostrophe stays. Without an
  // apostrophe in the text no filler is glued to one.
  const elisions = apostrophes && hasApostrophe(chars);
  let kept = '';
  let from = 0;
  for (let m = fillers.exec(lowered); m; m = fillers.exec(lowered)) {
    const w = m[0];
    if (w === '') {
      fillers.lastIndex += 1;
      continue;
    }
    const at = m.index;
    if (elisions && /^['’]\p{L}/u.test(chars.slice(at + w.length, at + w.length + 2))) continue;
    kept += chars.slice(from, at) + spaces(w.length);
    from = at + w.length;
  }
  chars = from === 0 ? chars : kept + chars.slice(from);
  // The message was single-spaced and every blank is spaces, so spaces are its only whitespace.
  let start = 0;
  while (start < chars.length && chars.charCodeAt(start) === 32) start += 1;
  if (start === chars.length) return null;
  let end = chars.length;
  while (chars.charCodeAt(end - 1) === 32) end -= 1;
  return { text: withoutDoubleSpaces(chars.slice(start, end)), start, end };
}

/** The punctuation a title or query leaves out; none of the marks is special in a character class. */
const PUNCTUATION_MARKS = '?!.,;:"“”¿¡、。「」';
const PUNCTUATION = new RegExp(`[${PUNCTUATION_MARKS}]`, 'g');
const ASCII_PUNCTUATION = new Uint8Array(128);
const OTHER_PUNCTUATION: number[] = [];
for (const mark of PUNCTUATION_MARKS) {
  const c = mark.charCodeAt(0);
  if (c < 128) ASCII_PUNCTUATION[c] = 1;
  else OTHER_PUNCTUATION.push(c);
}
const POSSESSIVE = /['’]s\b/g;
/** Blanks are cut from this (a message is at most 1,000 characters), not made by `repeat` each time. */
const SPACES = ' '.repeat(1000);

function hasApostrophe(s: string): boolean {
  return s.includes("'") || s.includes('’');
}

function spaces(n: number): string {
  return n <= SPACES.length ? SPACES.slice(0, n) : ' '.repeat(n);
}

/** Whether a code unit is one of the punctuation marks: a table for ASCII, where most characters are. */
function isPunctuation(c: number): boolean {
  return c < 128 ? ASCII_PUNCTUATION[c] === 1 : OTHER_PUNCTUATION.includes(c);
}

/** A text whose only whitespace is spaces, each run of them as one: a search for two spaces instead of a pattern's scan and replace. */
function withoutDoubleSpaces(s: string): string {
  let at = s.indexOf('  ');
  if (at < 0) return s;
  let out = '';
  let from = 0;
  while (at >= 0) {
    let next = at + 2;
    while (s.charCodeAt(next) === 32) next += 1;
    out += s.slice(from, at + 1);
    from = next;
    at = s.indexOf('  ', next);
  }
  return out + s.slice(from);
}
