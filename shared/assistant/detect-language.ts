import type { LanguageCode } from './intent-schema.ts';
import { compiled } from './compiled.ts';
import { FNV_OFFSET, FNV_PRIME, fnv1a } from './fnv1a.ts';
import { LANGUAGE_PACKS } from './languages/index.ts';
import { requiredLiterals } from './required-literals.ts';
import { anyLiteral } from './literal-gate.ts';

const [BEFORE, AFTER] = ['(?<![a-zß-ÿ])', '(?![a-zß-ÿ])'];
const WORD_FILTER_BITS = 1 << 16;

/** Every marker of the languages told apart by their words, English aside (with the flags counting uses). */
const OTHER_MARKERS = markerTest(
  Object.values(LANGUAGE_PACKS)
    .filter((pack) => pack && pack.code !== 'en' && pack.code !== 'ja')
    .map((pack) => pack!.markers.source),
);

/**
 * Whether any marker occurs, as one pattern of all of them would say. A marker is a whole word: no letter of
 * [a-zß-ÿ] on either side. So a marker made of those letters alone (with `?` and small classes: "nächste[nrsm]?")
 * occurs exactly where it is one of the message's runs of them, a set lookup per word; the few others ("j'ai",
 * "rendez-vous", "(?<!\.)com") keep a pattern of their own.
 */
function markerTest(sources: string[]): { mayMatch: (lower: string) => boolean } {
  const bodies = sources.map((s) => (s.startsWith(`${BEFORE}(?:`) && s.endsWith(`)${AFTER}`) ? topLevelAlternatives(s.slice(BEFORE.length + 3, s.length - AFTER.length - 1)) : null));
  if (bodies.some((b) => b === null)) {
    const all = new RegExp(sources.map((s) => `(?:${s})`).join('|'));
    return { mayMatch: (lower) => all.test(lower) };
  }
  const words = new Set<string>();
  const others: string[] = [];
  for (const alternative of bodies.flat() as string[]) {
    const expanded = wordsOf(alternative);
    if (expanded) for (const w of expanded) words.add(w);
    else others.push(alternative);
  }
  const rest = others.length ? new RegExp(`${BEFORE}(?:${others.join('|')})${AFTER}`) : null;
  // Each of those starts a word with letters its next character ends ("j" of "j'ai", "rendez" of "rendez-vous",
  // "com" of "(?<!\.)com"): wherever one matches, that run of letters is one of the message's words, so the scan that
  // reads them tells whether the pattern need run. Where one does not, it holds a literal a search finds instead.
  const heads = others.map(leadingWord);
  const restHeads = heads.every((h) => h !== null) ? new Set(heads as string[]) : null;
  const restLiterals = rest && !restHeads ? requiredLiterals(rest) : null;
  const restLiteral = restLiterals && anyLiteral(restLiterals);
  // A bitmap of the words' hashes, hashed as the scan reads their letters: most of a message's words miss it, and
  // only a hit is cut out of the message and looked up (a slice and a set lookup per word were most of the scan).
  const seen = new Int32Array(WORD_FILTER_BITS >>> 5);
  for (const w of [...words, ...(restHeads ?? [])]) {
    const h = hashOf(w);
    seen[h >>> 5]! |= 1 << (h & 31);
  }
  return {
    mayMatch(lower) {
      let start = -1;
      let h = FNV_OFFSET;
      let headSeen = false;
      for (let i = 0; i <= lower.length; i += 1) {
        const c = i < lower.length ? lower.charCodeAt(i) : 0;
        if ((c >= 97 && c <= 122) || (c >= 0xdf && c <= 0xff)) {
          if (start < 0) {
            start = i;
            h = FNV_OFFSET;
          }
          h = Math.imul(h ^ c, FNV_PRIME);
        } else if (start >= 0) {
          const bit = (h >>> 0) & (WORD_FILTER_BITS - 1);
          if (seen[bit >>> 5]! & (1 << (bit & 31))) {
            const word = lower.slice(start, i);
            if (words.has(word)) return true;
            if (restHeads?.has(word)) headSeen = true;
          }
          start = -1;
        }
      }
      if (rest === null) return false;
      return (restHeads ? headSeen : restLiteral === null || restLiteral.test(lower)) && rest.test(lower);
    },
  };
}

/**
 * The letters an alternative of a marker starts with, up to a character that is no letter and no quantifier (an
 * apostrophe, a hyphen, a space, or the end, where the marker's own boundary follows); a lookbehind first is passed
 * over, as it reads nothing. Null where the start is anything else.
 */
function leadingWord(alternative: string): string | null {
  const m = /^(?:\(\?<[!=][^()]*\))?([a-zß-ÿ]+)(['’ -]|$)/.exec(alternative);
  return m ? m[1]! : null;
}

/** A word's FNV-1a folded into the filter's bits, as mayMatch computes it letter by letter. */
function hashOf(word: string): number {
  return (fnv1a(FNV_OFFSET, word) >>> 0) & (WORD_FILTER_BITS - 1);
}

/**
 * The alternatives of a `(?:a|b|…)` body, split at its top level only; null where its brackets do not close in
 * order (then it is not one group's body).
 */
function topLevelAlternatives(body: string): string[] | null {
  const out: string[] = [];
  let depth = 0;
  let from = 0;
  for (let i = 0; i < body.length; i += 1) {
    const c = body[i];
    if (c === '\\') i += 1;
    else if (c === '(' || c === '[') depth += 1;
    else if ((c === ')' || c === ']') && --depth < 0) return null;
    else if (c === '|' && depth === 0) {
      out.push(body.slice(from, i));
      from = i + 1;
    }
  }
  out.push(body.slice(from));
  return depth === 0 ? out : null;
}

/** Every word an alternative of letters, optional letters ("e?") and letter classes ("[nrsm]?") matches, or null for anything else. */
function wordsOf(alternative: string): string[] | null {
  let words = [''];
  const letter = /^[a-zß-ÿ]$/;
  for (let i = 0; i < alternative.length; ) {
    let options: string[];
    if (alternative[i] === '[') {
      const end = alternative.indexOf(']', i);
      options = [...alternative.slice(i + 1, end)];
      if (end < 0 || !options.length || !options.every((o) => letter.test(o))) return null;
      i = end + 1;
    } else if (letter.test(alternative[i]!)) options = [alternative[i++]!];
    else return null;
    if (alternative[i] === '?') {
      options.push('');
      i += 1;
    }
    words = words.flatMap((w) => options.map((o) => w + o));
    if (words.length > 64) return null;
  }
  return words;
}

/** Whether a word typical of another language than English or Japanese is in the (lower-cased) message. */
export function anyOtherMarker(lower: string): boolean {
  return OTHER_MARKERS.mayMatch(lower);
}

/**
 * Which language a message is in: Japanese by its script, the others by how
 * many of each language's typical words appear. Ties and silence mean English.
 * `ascii`: the caller knows the message holds ASCII only.
 */
export function detectLanguage(lower: string, ascii = false): LanguageCode {
  // Kana and kanji are beyond ASCII: a message known to be ASCII is spared the scan.
  if (!ascii && /[\u3040-\u30ff\u4e00-\u9fff]/.test(lower)) return LANGUAGE_PACKS.ja ? 'ja' : 'en';
  // With no other language's word in it a message is English whatever it scores, and most messages are: one scan
  // instead of counting every language's words.
  if (!anyOtherMarker(lower)) return 'en';
  let best: LanguageCode = 'en';
  let bestScore = 0;
  for (const pack of Object.values(LANGUAGE_PACKS)) {
    if (!pack || pack.code === 'ja') continue;
    const score = new Set(lower.match(compiled(pack.markers, 'g')) ?? []).size;
    if (score > bestScore || (score === bestScore && pack.code === 'en' && score > 0)) {
      best = pack.code;
      bestScore = score;
    }
  }
  return best;
}
