import { createHash, randomUUID } from 'node:crypto';
import { setTimeout as delay } from 'node:timers/promises';
import type { FastifyBaseLogger } from 'fastify';
import { apiErrors } from '../api-error.ts';
import type { Config } from '../config.ts';
import type { Db } from '../db/database.ts';
import { claimRefreshLease, clearAccessToken, findConnection, type GoogleConnection, markConnection, saveAccessToken, releaseRefreshLease, saveRefreshToken } from '../db/repositories/google-connections.ts';
import { Secret } from '../secret.ts';
import type { TokenCipher } from '../token-cipher.ts';
import { createOAuthClient, isInvalidGrant } from './oauth-client.ts';

/** An access token is used only while it has at least this long to live, so it cannot expire mid-call. */
export const MIN_TOKEN_LIFETIME_MS = 60_000;

/** How long one instance may hold a refresh before others may take over (a refresh takes well under a second). */
const LEASE_MS = 30_000;
/** How long a caller waits for another instance's refresh before answering 503. */
const LEASE_WAIT_MS = 15_000;
const LEASE_POLL_MS = 100;

export const tokenAad = {
  refresh: (userId: string) => `${userId}:google-refresh-token`,
  access: (userId: string) => `${userId}:google-access-token`,
};

/**
 * Access tokens for Google calls. One refresh per user at a time: concurrent
 * callers share the same promise (single-flight), so fifty parallel requests
 * with an expired token cause one refresh at Google. Across instances on one
 * database, a lease row does the same: one refreshes, the others wait and read.
 */
export class GoogleTokens {
  private readonly inflight = new Map<string, Promise<Secret>>();
  private readonly cache = new Map<string, { token: Secret; expiresAt: number }>();
  /** Per user, a digest of the last access token Google refused: never used again, whatever its stored expiry says. */
  private readonly rejected = new Map<string, string>();

  constructor(
    private readonly db: Db,
    private readonly cipher: TokenCipher,
    private readonly google: Config['google'],
    private readonly log: FastifyBaseLogger,
    private readonly now: () => number = Date.now,
  ) {}

  /** Names this process in refresh leases. */
  private readonly instanceId = randomUUID();

  /** `minLifetimeMs`: how long the token must still be good for; the background sweep asks for more than a request does. */
  ensureValidAccessToken(userId: string, minLifetimeMs = MIN_TOKEN_LIFETIME_MS): Promise<Secret> {
    const cached = this.cache.get(userId);
    if (cached && cached.expiresAt - this.now() >= minLifetimeMs && !this.isRejected(userId, cached.token)) return Promise.resolve(cached.token);
    let pending = this.inflight.get(userId);
    if (!pending) {
      pending = this.loadOrRefresh(userId, minLifetimeMs).finally(() => this.inflight.delete(userId));
      this.inflight.set(userId, pending);
    }
    return pending;
  }

  /** Forgets the in-memory token only, e.g. after the user connected again with a new grant. */
  dropCached(userId: string): void {
    this.cache.delete(userId);
  }

  /**
   * Forgets `token`, which Google answered 401 to, so the next call refreshes. Only that token: when
   * calls made with it hear their 401 after another caller (here or on another instance) has already
   * refreshed, the new token is kept, and the refresh is not done twice.
   */
  async invalidateAccessToken(userId: string, token: Secret): Promise<void> {
    this.rejected.set(userId, digest(token));
    const cached = this.cache.get(userId);
    if (cached && this.isRejected(userId, cached.token)) this.cache.delete(userId);
    const connection = await findConnection(this.db, userId);
    const stored = connection?.access_token_enc;
    if (stored && this.isRejected(userId, this.cipher.decrypt(stored, tokenAad.access(userId)))) await clearAccessToken(this.db, userId, stored, this.now());
  }

  private isRejected(userId: string, token: Secret): boolean {
    return this.rejected.get(userId) === digest(token);
  }

  private async loadOrRefresh(userId: string, minLifetimeMs: number): Promise<Secret> {
    const deadline = this.now() + LEASE_WAIT_MS;
    for (;;) {
      const connection = await this.usableConnection(userId);
      const fresh = this.freshToken(userId, connection, minLifetimeMs);
      if (fresh) return fresh;
      // Another instance may be refreshing this very token: take the lease, or wait for its result.
      if (await claimRefreshLease(this.db, userId, this.instanceId, this.now() + LEASE_MS, this.now())) {
        try {
          // It may have finished between our read and our claim.
          const latest = await this.usableConnection(userId);
          return this.freshToken(userId, latest, minLifetimeMs) ?? (await this.refresh(userId, latest));
        } finally {
          await releaseRefreshLease(this.db, userId, this.instanceId).catch(() => undefined);
        }
      }
      if (this.now() >= deadline) throw apiErrors.upstreamUnavailable();
      await delay(LEASE_POLL_MS);
    }
  }

  private async usableConnection(userId: string): Promise<GoogleConnection> {
    const connection = await findConnection(this.db, userId);
    if (!connection) throw apiErrors.notConnected();
    if (connection.status === 'reconnect_required') throw apiErrors.reconnectRequired();
    if (connection.status === 'insufficient_scope') throw apiErrors.insufficientScope();
    return connection;
  }

  /** The stored access token when it lives at least `minLifetimeMs` more, else null. */
  private freshToken(userId: string, connection: GoogleConnection, minLifetimeMs: number): Secret | null {
    if (!connection.access_token_enc || !connection.access_token_expires_at || connection.access_token_expires_at - this.now() < minLifetimeMs) return null;
    const token = this.cipher.decrypt(connection.access_token_enc, tokenAad.access(userId));
    // Read before a caller that heard Google's 401 could clear it: as good as expired.
    if (this.isRejected(userId, token)) return null;
    this.cache.set(userId, { token, expiresAt: connection.access_token_expires_at });
    return token;
  }

  private async refresh(userId: string, connection: GoogleConnection): Promise<Secret> {
    const now = this.now();
    if (!connection.refresh_token_enc) {
      await markConnection(this.db, userId, 'reconnect_required', now);
      throw apiErrors.reconnectRequired();
    }
    const refreshToken = this.cipher.decrypt(connection.refresh_token_enc, tokenAad.refresh(userId));
    if (this.cipher.needsReencrypt(connection.refresh_token_enc)) {
      // Written under a key since rotated out of first place: move it to the current key while we hold it.
      await saveRefreshToken(this.db, userId, this.cipher.encrypt(refreshToken, tokenAad.refresh(userId)), now);
    }
    const client = createOAuthClient(this.google);
    client.setCredentials({ refresh_token: refreshToken.reveal() });
    let credentials;
    try {
      ({ credentials } = await client.refreshAccessToken());
    } catch (error) {
      if (isInvalidGrant(error)) {
        this.log.warn({ userId }, 'Google refused the refresh token (invalid_grant): reconnect required');
        await markConnection(this.db, userId, 'reconnect_required', this.now());
        this.cache.delete(userId);
        throw apiErrors.reconnectRequired();
      }
      this.log.warn({ userId, status: (error as { status?: number }).status }, 'token refresh failed');
      throw apiErrors.upstreamUnavailable();
    }
    const token = new Secret(credentials.access_token!);
    const expiresAt = expiryOnOurClock(credentials.expiry_date, this.now());
    await saveAccessToken(this.db, userId, this.cipher.encrypt(token, tokenAad.access(userId)), expiresAt, this.now());
    this.cache.set(userId, { token, expiresAt });
    return token;
  }
}

/**
 * google-auth-library stamps expiry_date with the process clock; re-base the
 * lifetime on ours, so "valid for 60 s more" is judged by one clock throughout.
 */
export function expiryOnOurClock(expiryDate: number | null | undefined, now: number): number {
  const lifetime = expiryDate ? expiryDate - Date.now() : 3_600_000;
  return now + lifetime;
}

/** Compares tokens without keeping them: the refused one is remembered only as this. */
function digest(token: Secret): string {
  return createHash('sha256').update(token.reveal()).digest('base64url');
}
