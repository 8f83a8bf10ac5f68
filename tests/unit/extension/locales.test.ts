import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { t } from '../../../extension/lib/i18n.ts';

const load = (lang: string) => JSON.parse(readFileSync(`extension/public/_locales/${lang}/messages.json`, 'utf8')) as Record<string, { message: string }>;

describe('the extension speaks English and German', () => {
  it('has every English message in German too, translated', () => {
    const en = load('en');
    const de = load('de');
    expect(Object.keys(de).sort()).toEqual(Object.keys(en).sort());
    const same = Object.keys(en).filter((k) => en[k]!.message === de[k]!.message && !['demoBadge', 'agenda'].includes(k));
    expect(same).toEqual([]);
  });

  it('falls back to English outside the extension, with substitutions', () => {
    expect(t('connectButton')).toBe('Connect Google Calendar');
    expect(t('signInFailed', 'access_denied')).toBe('Sign-in did not complete (access_denied).');
  });
});
