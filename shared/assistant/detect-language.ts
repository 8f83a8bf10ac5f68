import type { LanguageCode } from './intent-schema.ts';
import { compiled } from './compiled.ts';
import { LANGUAGE_PACKS } from './languages/index.ts';

/** Every marker of the languages told apart by their words, English aside, as one pattern (with the flags counting uses). */
const OTHER_MARKERS = anyOf(
  Object.values(LANGUAGE_PACKS)
    .filter((pack) => pack && pack.code !== 'en' && pack.code !== 'ja')
    .map((pack) => pack!.markers.source),
);

/**
 * One pattern for several. The packs wrap their words in the same word boundaries; said once around all the words
 * instead of around each language's, the look-behind is tried once at each position, which halves the scan.
 */
function anyOf(sources: string[]): RegExp {
  const [start, end] = ['(?<![a-zß-ÿ])', '(?![a-zß-ÿ])'];
  if (!sources.every((s) => s.startsWith(start) && s.endsWith(end))) return new RegExp(sources.map((s) => `(?:${s})`).join('|'));
  return new RegExp(`${start}(?:${sources.map((s) => s.slice(start.length, s.length - end.length)).join('|')})${end}`);
}

/**
 * Which language a message is in: Japanese by its script, the others by how
 * many of each language's typical words appear. Ties and silence mean English.
 */
export function detectLanguage(lower: string): LanguageCode {
  if (/[\u3040-\u30ff\u4e00-\u9fff]/.test(lower)) return LANGUAGE_PACKS.ja ? 'ja' : 'en';
  // With no other language's word in it a message is English whatever it scores, and most messages are: one scan
  // instead of counting every language's words.
  if (!OTHER_MARKERS.test(lower)) return 'en';
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
