import { randomInt } from 'node:crypto';

/** Letters and digits no one confuses when reading them off a screen: no 0/O, 1/I/L. */
const ALPHABET = 'ABCDEFGHJKMNPQRSTUVWXYZ23456789';
const LENGTH = 8;

export const LINK_CODE_PURPOSE = 'telegram-link';
export const LINK_CODE_TTL_MS = 10 * 60_000;

/**
 * A code a person types into Telegram: 8 characters of a 31-letter alphabet
 * (about 40 bits, from the CSPRNG), enough for something that lives ten
 * minutes, works once and is tried at most a few times a minute per chat.
 */
export function newLinkCode(): string {
  let code = '';
  for (let i = 0; i < LENGTH; i++) code += ALPHABET[randomInt(ALPHABET.length)];
  return code;
}

/** What the user typed, as the code was issued ("abcd efgh", "ABCD-EFGH" → "ABCDEFGH"), or null if it cannot be one. */
export function normaliseLinkCode(typed: string): string | null {
  const code = typed.toUpperCase().replace(/[\s-]/g, '');
  return code.length === LENGTH && [...code].every((c) => ALPHABET.includes(c)) ? code : null;
}
