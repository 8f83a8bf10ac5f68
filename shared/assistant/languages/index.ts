import type { LanguageCode } from '../intent-schema.ts';
import type { LanguagePack } from '../language-pack.ts';
import { de } from './de.ts';
import { en } from './en.ts';
import { es } from './es.ts';
import { fr } from './fr.ts';
import { ja } from './ja.ts';
import { nl } from './nl.ts';
import { pt } from './pt.ts';

/** Every language the parser speaks. */
export const LANGUAGE_PACKS: Partial<Record<LanguageCode, LanguagePack>> = { en, de, fr, es, pt, nl, ja };

export function packFor(code: LanguageCode): LanguagePack {
  return LANGUAGE_PACKS[code] ?? en;
}
