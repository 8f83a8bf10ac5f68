import { randomBytes } from 'node:crypto';
import { base32hex } from '../../../shared/encoding/base32hex.ts';

/**
 * Makes the ids and secrets the emulator hands out, in Google's formats
 * (event ids in base32hex, access tokens starting `ya29.`, refresh tokens `1//`),
 * so code that recognises or redacts them is exercised for real. With
 * `deterministic`, ids come from a counter so tests can name them in advance.
 */
export class IdFactory {
  constructor(
    private readonly deterministic: boolean,
    private counter = 0,
  ) {}

  get value(): number {
    return this.counter;
  }

  eventId(): string {
    if (this.deterministic) return `evt${(++this.counter).toString(32).padStart(8, '0')}`;
    return base32hex(randomBytes(16)).slice(0, 26);
  }

  subject(): string {
    if (this.deterministic) return String(100000000000000000000n + BigInt(++this.counter));
    const n = BigInt('0x' + randomBytes(9).toString('hex'));
    return (100000000000000000000n + (n % 899999999999999999999n)).toString();
  }

  accessToken(): string {
    return `ya29.${this.secret(48)}`;
  }

  refreshToken(): string {
    return `1//${this.secret(48)}`;
  }

  authCode(): string {
    return `4/0A${this.secret(40)}`;
  }

  opaque(bytes = 16): string {
    return this.secret(bytes);
  }

  private secret(bytes: number): string {
    // Secrets stay random even in deterministic mode: tests must never be able to guess a token.
    return randomBytes(bytes).toString('base64url');
  }
}

/** Google's rule for client-supplied event ids: base32hex characters, 5 to 1024 of them. */
export function isValidEventId(id: string): boolean {
  return /^[a-v0-9]{5,1024}$/.test(id);
}
