import { randomBytes } from 'node:crypto';
import { inspect } from 'node:util';
import { describe, expect, it } from 'vitest';
import { parseKeys } from '../../../server/config.ts';
import { Secret } from '../../../server/secret.ts';
import { TokenCipher } from '../../../server/token-cipher.ts';

const k = () => randomBytes(32).toString('base64');

describe('TokenCipher (AES-256-GCM with key ids)', () => {
  const oldKey = `old:${k()}`;
  const newKey = `new:${k()}`;
  const before = new TokenCipher(parseKeys(oldKey));
  const after = new TokenCipher(parseKeys(`${newKey},${oldKey}`));

  it('round-trips and never stores the plaintext', () => {
    const envelope = before.encrypt(new Secret('1//refresh-token-value'), 'user-1');
    expect(envelope).toMatch(/^v1\.old\./);
    expect(envelope).not.toContain('refresh-token-value');
    expect(before.decrypt(envelope, 'user-1').reveal()).toBe('1//refresh-token-value');
  });

  it('uses a fresh IV each time', () => {
    expect(before.encrypt(new Secret('same'), 'u')).not.toBe(before.encrypt(new Secret('same'), 'u'));
  });

  it('refuses a ciphertext moved to another user (associated data)', () => {
    const envelope = before.encrypt(new Secret('token'), 'user-1');
    expect(() => before.decrypt(envelope, 'user-2')).toThrow();
  });

  it('refuses a tampered ciphertext', () => {
    const parts = before.encrypt(new Secret('token'), 'u').split('.');
    parts[3] = Buffer.from('tampered').toString('base64url');
    expect(() => before.decrypt(parts.join('.'), 'u')).toThrow();
  });

  it('decrypts rows written under an old key after rotation, and flags them for re-encryption', () => {
    const envelope = before.encrypt(new Secret('token'), 'u');
    expect(after.decrypt(envelope, 'u').reveal()).toBe('token');
    expect(after.needsReencrypt(envelope)).toBe(true);
    expect(after.needsReencrypt(after.encrypt(new Secret('token'), 'u'))).toBe(false);
  });

  it('fails clearly for a key id it does not have', () => {
    const envelope = after.encrypt(new Secret('token'), 'u');
    expect(() => before.decrypt(envelope, 'u')).toThrow(/unknown key id "new"/);
  });
});

describe('Secret', () => {
  it('never prints its value', () => {
    const s = new Secret('ya29.super-secret');
    expect(JSON.stringify({ s })).toBe('{"s":"[REDACTED]"}');
    expect(`${s}`).toBe('[REDACTED]');
    expect(inspect({ s })).not.toContain('super-secret');
    expect(s.reveal()).toBe('ya29.super-secret');
  });
});
