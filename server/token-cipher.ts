import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import type { Config } from './config.ts';
import { Secret } from './secret.ts';

/**
 * Encryption at rest for OAuth tokens: AES-256-GCM with a random 96-bit IV,
 * stored as `v1.<keyId>.<iv>.<ciphertext>.<tag>` (base64url). The key id lets
 * old rows decrypt after the key is rotated; `needsReencrypt` finds them.
 */
export class TokenCipher {
  constructor(private readonly keys: Config['encryption']) {}

  encrypt(plain: Secret, associatedData: string): string {
    const key = this.keys.keys.get(this.keys.currentKeyId)!;
    const iv = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', key, iv);
    // Binding the row's owner as associated data stops a ciphertext being moved to another user's row.
    cipher.setAAD(Buffer.from(associatedData));
    const body = Buffer.concat([cipher.update(plain.reveal(), 'utf8'), cipher.final()]);
    return ['v1', this.keys.currentKeyId, iv.toString('base64url'), body.toString('base64url'), cipher.getAuthTag().toString('base64url')].join('.');
  }

  decrypt(envelope: string, associatedData: string): Secret {
    const [version, keyId, iv, body, tag] = envelope.split('.');
    if (version !== 'v1' || !keyId || !iv || body === undefined || !tag) throw new Error('unreadable token envelope');
    const key = this.keys.keys.get(keyId);
    if (!key) throw new Error(`token encrypted with unknown key id "${keyId}"`);
    const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(iv, 'base64url'));
    decipher.setAAD(Buffer.from(associatedData));
    decipher.setAuthTag(Buffer.from(tag, 'base64url'));
    return new Secret(Buffer.concat([decipher.update(Buffer.from(body, 'base64url')), decipher.final()]).toString('utf8'));
  }

  needsReencrypt(envelope: string): boolean {
    return envelope.split('.')[1] !== this.keys.currentKeyId;
  }
}
