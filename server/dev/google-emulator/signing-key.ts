import { createHash, createPrivateKey, createPublicKey, generateKeyPairSync, sign, type KeyObject } from 'node:crypto';

/**
 * The RSA key that signs id_tokens. Published two ways because Google does:
 * as a JWKS (`/oauth2/v3/certs`) and as `{kid: PEM}` (`/oauth2/v1/certs`), the
 * latter being what google-auth-library's verifyIdToken fetches in Node.
 */
export class SigningKey {
  readonly kid: string;
  private readonly privateKey: KeyObject;
  private readonly publicKey: KeyObject;

  constructor(pkcs8Pem?: string | null) {
    this.privateKey = pkcs8Pem
      ? createPrivateKey(pkcs8Pem)
      : generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey;
    this.publicKey = createPublicKey(this.privateKey);
    const der = this.publicKey.export({ type: 'spki', format: 'der' });
    this.kid = createHash('sha256').update(der).digest('hex').slice(0, 40);
  }

  exportPkcs8(): string {
    return this.privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
  }

  jwks(): { keys: Array<Record<string, string>> } {
    const jwk = this.publicKey.export({ format: 'jwk' }) as { n: string; e: string };
    return { keys: [{ kty: 'RSA', alg: 'RS256', use: 'sig', kid: this.kid, n: jwk.n, e: jwk.e }] };
  }

  pemCerts(): Record<string, string> {
    return { [this.kid]: this.publicKey.export({ type: 'spki', format: 'pem' }).toString() };
  }

  signJwt(claims: Record<string, unknown>): string {
    const header = { alg: 'RS256', kid: this.kid, typ: 'JWT' };
    const input = `${b64url(JSON.stringify(header))}.${b64url(JSON.stringify(claims))}`;
    const signature = sign('RSA-SHA256', Buffer.from(input), this.privateKey).toString('base64url');
    return `${input}.${signature}`;
  }
}

function b64url(text: string): string {
  return Buffer.from(text).toString('base64url');
}

/** OpenID Connect Core 3.1.3.6: left half of SHA-256 of the access token, base64url. */
export function accessTokenHash(accessToken: string): string {
  const digest = createHash('sha256').update(accessToken).digest();
  return digest.subarray(0, digest.length / 2).toString('base64url');
}
