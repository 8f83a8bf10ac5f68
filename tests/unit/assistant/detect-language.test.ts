import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { anyOtherMarker, detectLanguage } from '../../../shared/assistant/detect-language.ts';
import { LANGUAGE_PACKS } from '../../../shared/assistant/languages/index.ts';

/**
 * The first question of detection, "is any other language's word here?", is answered by a set lookup per word
 * instead of one long pattern; it must answer what that pattern answers, whatever glues the words together.
 */
const others = Object.values(LANGUAGE_PACKS).filter((p) => p && p.code !== 'en' && p.code !== 'ja');
const reference = new RegExp(others.map((p) => `(?:${p!.markers.source})`).join('|'));
const vocabulary = others.flatMap((p) => p!.markers.source.split(/[|()?:<!\\[\]]+/)).filter((w) => w.length > 0 && w.length < 15);
const glue = fc.constantFrom(' ', '', '.', "'", '-', 'x', 'é', 'ü', '÷', ', ', 'ő', 'n', 's');

describe('detectLanguage', () => {
  it('finds another language’s word exactly where one pattern of them all would', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.oneof(fc.constantFrom(...vocabulary), fc.string({ maxLength: 4 })), glue), { minLength: 1, maxLength: 6 }), (parts) => {
        const text = parts.map(([w, g]) => w + g).join('').toLowerCase();
        expect(anyOtherMarker(text)).toBe(reference.test(text));
      }),
      { numRuns: 5000 },
    );
  });

  it('tells the languages apart', () => {
    expect(detectLanguage('lunch with anna tomorrow at 1pm')).toBe('en');
    expect(detectLanguage('morgen um 10 uhr zahnarzt')).toBe('de');
    expect(detectLanguage("j'ai rendez-vous demain")).toBe('fr');
    expect(detectLanguage('reunión con ana mañana')).toBe('es');
    expect(detectLanguage('明日の午後3時に会議')).toBe('ja');
    // "x.com" is an address, not Portuguese "com".
    expect(detectLanguage('invite bob@x.com')).toBe('en');
  });
});
