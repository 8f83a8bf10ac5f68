import english from '../public/_locales/en/messages.json' with { type: 'json' };

export type MessageKey = keyof typeof english;

/**
 * UI text from the extension's `_locales` (English and German so far), in the
 * browser's language. Outside an extension (render tests) it is English.
 */
export function t(key: MessageKey, substitution?: string): string {
  const api = (globalThis as { browser?: { i18n?: { getMessage(k: string, s?: string | string[]): string } } }).browser?.i18n;
  const message = api?.getMessage(key, substitution);
  if (message) return message;
  const entry = english[key] as { message: string };
  return substitution === undefined ? entry.message : entry.message.replace(/\$[A-Z]+\$/g, substitution);
}
