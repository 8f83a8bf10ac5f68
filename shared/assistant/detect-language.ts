import type { LanguageCode } from './intent-schema.ts';
import { compiled } from './compiled.ts';
import { LANGUAGE_PACKS } from './languages/index.ts';

/**
 * Which language a message is in: Japanese by its script, the others by how
 * many of each language's typical words appear. Ties and silence mean English.
 */
export function detectLanguage(lower: string): LanguageCode {
  if (/[\u3040-\u30ff\u4e00-\u9fff]/.test(lower)) return LANGUAGE_PACKS.ja ? 'ja' : 'en';
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
