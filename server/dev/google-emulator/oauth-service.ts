import { createHash, timingSafeEqual } from 'node:crypto';
import type { Clock } from './clock.ts';
import type { IdFactory } from './ids.ts';
import { accessTokenHash, type SigningKey } from './signing-key.ts';
import { hasAnyScope, SCOPES_FOR } from './scopes.ts';
import type { AccessTokenRecord, Account, AuthCodeRecord, OAuthClientRecord } from './state.ts';
import { grantKey, type EmulatorStore } from './store.ts';

export interface OAuthOptions {
  issuer: string;
  accessTokenLifetimeSec: number;
  /** null: refresh tokens live until revoked. 604800 models an app in the consent screen's "Testing" status. */
  refreshTokenLifetimeSec: number | null;
  authCodeLifetimeSec: number;
  /** Google keeps 100 live refresh tokens per account and client and silently invalidates the oldest. */
  maxRefreshTokensPerGrant: number;
  /**
   * What revoking one token does. 'grant' (default) removes the app's access for that
   * account, every token with it, as the "third-party access" page does; 'token' revokes
   * only that token and the access tokens minted from it.
   */
  revocation: 'grant' | 'token';
}

/** An OAuth error as the token endpoint returns it: RFC 6749 §5.2 with Google's descriptions. */
export class OAuthError extends Error {
  constructor(
    readonly status: number,
    readonly error: string,
    readonly description: string,
  ) {
    super(description);
  }

  toJSON(): { error: string; error_description: string } {
    return { error: this.error, error_description: this.description };
  }
}

export interface TokenResponse {
  access_token: string;
  expires_in: number;
  scope: string;
  token_type: 'Bearer';
  id_token?: string;
  refresh_token?: string;
  refresh_token_expires_in?: number;
}

export interface CodeRequest {
  client: OAuthClientRecord;
  redirectUri: string;
  account: Account;
  scopes: string[];
  nonce: string | null;
  codeChallenge: string | null;
  codeChallengeMethod: 'S256' | 'plain' | null;
  accessType: 'online' | 'offline';
  promptConsent: boolean;
  includeGrantedScopes: boolean;
}

export class OAuthService {
  constructor(
    private readonly store: EmulatorStore,
    private readonly clock: Clock,
    private readonly ids: IdFactory,
    private readonly key: SigningKey,
    readonly options: OAuthOptions,
  ) {}

  client(clientId: string | undefined): OAuthClientRecord | undefined {
    return clientId ? this.store.clients.get(clientId) : undefined;
  }

  isRedirectUriAllowed(client: OAuthClientRecord, redirectUri: string): boolean {
    if (client.redirectUris.includes(redirectUri)) return true;
    if (!client.allowLoopbackRedirects) return false;
    try {
      const url = new URL(redirectUri);
      return url.protocol === 'http:' && ['127.0.0.1', 'localhost', '[::1]'].includes(url.hostname);
    } catch {
      return false;
    }
  }

  /** Issues a code after consent. Decides now, as Google does, whether its exchange will carry a refresh token. */
  issueCode(request: CodeRequest): string {
    const key = grantKey(request.client.clientId, request.account.sub);
    const previous = this.store.grants.get(key);
    const firstConsent = !previous;
    const scopes =
      request.includeGrantedScopes && previous ? [...new Set([...previous.scopes, ...request.scopes])] : request.scopes;
    this.store.grants.set(key, {
      clientId: request.client.clientId,
      sub: request.account.sub,
      scopes: [...new Set([...(previous?.scopes ?? []), ...request.scopes])],
    });
    const code: AuthCodeRecord = {
      code: this.ids.authCode(),
      clientId: request.client.clientId,
      redirectUri: request.redirectUri,
      sub: request.account.sub,
      scopes,
      nonce: request.nonce,
      codeChallenge: request.codeChallenge,
      codeChallengeMethod: request.codeChallengeMethod,
      issueRefreshToken: request.accessType === 'offline' && (firstConsent || request.promptConsent),
      expiresAt: this.clock.now() + this.options.authCodeLifetimeSec * 1000,
      used: false,
    };
    this.store.authCodes.set(code.code, code);
    this.store.touch();
    return code.code;
  }

  authenticateClient(clientId: string | undefined, clientSecret: string | undefined): OAuthClientRecord {
    const client = this.client(clientId);
    if (!client) throw new OAuthError(401, 'invalid_client', 'The OAuth client was not found.');
    if (!clientSecret || !safeEqual(client.clientSecret, clientSecret)) {
      throw new OAuthError(401, 'invalid_client', 'Unauthorized');
    }
    return client;
  }

  exchangeCode(
    client: OAuthClientRecord,
    params: { code?: string; redirectUri?: string; codeVerifier?: string },
  ): TokenResponse {
    if (!params.code) throw new OAuthError(400, 'invalid_request', 'Missing required parameter: code');
    const record = this.store.authCodes.get(params.code);
    if (!record || record.clientId !== client.clientId) throw new OAuthError(400, 'invalid_grant', 'Malformed auth code.');
    if (record.used || record.expiresAt <= this.clock.now()) throw new OAuthError(400, 'invalid_grant', 'Bad Request');
    if (params.redirectUri !== record.redirectUri) throw new OAuthError(400, 'redirect_uri_mismatch', 'Bad Request');
    if (record.codeChallenge) {
      if (!params.codeVerifier) throw new OAuthError(400, 'invalid_grant', 'Missing code verifier.');
      const derived =
        record.codeChallengeMethod === 'plain'
          ? params.codeVerifier
          : createHash('sha256').update(params.codeVerifier).digest('base64url');
      if (!safeEqual(derived, record.codeChallenge)) throw new OAuthError(400, 'invalid_grant', 'Invalid code verifier.');
    }
    record.used = true;
    const account = this.store.accounts.get(record.sub);
    if (!account) throw new OAuthError(400, 'invalid_grant', 'Account has been deleted');
    const refresh = record.issueRefreshToken ? this.createRefreshToken(client.clientId, account.sub, record.scopes) : null;
    return this.tokenResponse(client, account, record.scopes, refresh, record.nonce);
  }

  refresh(client: OAuthClientRecord, refreshToken: string | undefined): TokenResponse {
    if (!refreshToken) throw new OAuthError(400, 'invalid_request', 'Missing required parameter: refresh_token');
    const record = this.store.refreshTokens.get(refreshToken);
    if (!record || record.revoked || (record.expiresAt !== null && record.expiresAt <= this.clock.now())) {
      throw new OAuthError(400, 'invalid_grant', 'Token has been expired or revoked.');
    }
    if (record.clientId !== client.clientId) throw new OAuthError(400, 'unauthorized_client', 'Unauthorized');
    const account = this.store.accounts.get(record.sub);
    if (!account) throw new OAuthError(400, 'invalid_grant', 'Token has been expired or revoked.');
    return this.tokenResponse(client, account, record.scopes, null, null, record.token);
  }

  /** Returns false for a token Google would not recognise (400 invalid_token). */
  revoke(token: string): boolean {
    const refresh = this.store.refreshTokens.get(token);
    const access = this.store.accessTokens.get(token);
    const owner = refresh ?? access;
    if (!owner || (refresh?.revoked ?? access?.revoked)) return false;
    if (this.options.revocation === 'grant') {
      this.revokeGrant(owner.clientId, owner.sub);
    } else {
      const refreshToken = refresh?.token ?? access?.refreshToken ?? null;
      if (access) access.revoked = true;
      if (refreshToken) this.revokeRefreshToken(refreshToken);
    }
    this.store.touch();
    return true;
  }

  /** What the user does on the "third-party access" page: the app loses every token and the remembered consent. */
  revokeGrant(clientId: string, sub: string): void {
    for (const t of this.store.refreshTokens.values()) if (t.clientId === clientId && t.sub === sub) t.revoked = true;
    for (const t of this.store.accessTokens.values()) if (t.clientId === clientId && t.sub === sub) t.revoked = true;
    this.store.grants.delete(grantKey(clientId, sub));
    this.store.touch();
  }

  /** The access token behind a bearer header, or null when it is unknown, revoked or expired. */
  authenticateAccessToken(token: string | undefined): AccessTokenRecord | null {
    if (!token) return null;
    const record = this.store.accessTokens.get(token);
    if (!record || record.revoked || record.expiresAt <= this.clock.now()) return null;
    return record;
  }

  tokenInfo(record: AccessTokenRecord): Record<string, string | number> {
    const account = this.store.accounts.get(record.sub);
    const info: Record<string, string | number> = {
      azp: record.clientId,
      aud: record.clientId,
      sub: record.sub,
      scope: record.scopes.join(' '),
      exp: String(Math.floor(record.expiresAt / 1000)),
      expires_in: Math.max(0, Math.floor((record.expiresAt - this.clock.now()) / 1000)),
      access_type: record.refreshToken ? 'offline' : 'online',
    };
    if (account && hasAnyScope(record.scopes, SCOPES_FOR.email)) {
      info.email = account.email;
      info.email_verified = String(account.emailVerified);
    }
    return info;
  }

  expireAccessTokens(sub: string): number {
    let n = 0;
    for (const t of this.store.accessTokens.values()) {
      if (t.sub === sub && t.expiresAt > this.clock.now()) {
        t.expiresAt = this.clock.now() - 1;
        n++;
      }
    }
    this.store.touch();
    return n;
  }

  expireRefreshTokens(sub: string): number {
    let n = 0;
    for (const t of this.store.refreshTokens.values()) {
      if (t.sub === sub && !t.revoked) {
        t.expiresAt = this.clock.now() - 1;
        n++;
      }
    }
    this.store.touch();
    return n;
  }

  /** Drops expired codes and tokens so a long-running demo does not grow without bound. */
  sweep(): void {
    const now = this.clock.now();
    for (const [k, c] of this.store.authCodes) if (c.expiresAt < now) this.store.authCodes.delete(k);
    for (const [k, t] of this.store.accessTokens) if (t.expiresAt < now - 3_600_000) this.store.accessTokens.delete(k);
  }

  private createRefreshToken(clientId: string, sub: string, scopes: string[]): string {
    const token = this.ids.refreshToken();
    const now = this.clock.now();
    this.store.refreshTokens.set(token, {
      token,
      clientId,
      sub,
      scopes,
      issuedAt: now,
      expiresAt: this.options.refreshTokenLifetimeSec === null ? null : now + this.options.refreshTokenLifetimeSec * 1000,
      revoked: false,
    });
    const live = [...this.store.refreshTokens.values()]
      .filter((t) => t.clientId === clientId && t.sub === sub && !t.revoked)
      .sort((a, b) => a.issuedAt - b.issuedAt);
    for (const stale of live.slice(0, Math.max(0, live.length - this.options.maxRefreshTokensPerGrant))) {
      this.revokeRefreshToken(stale.token);
    }
    return token;
  }

  private revokeRefreshToken(token: string): void {
    const record = this.store.refreshTokens.get(token);
    if (!record) return;
    record.revoked = true;
    for (const a of this.store.accessTokens.values()) if (a.refreshToken === token) a.revoked = true;
  }

  private tokenResponse(
    client: OAuthClientRecord,
    account: Account,
    scopes: string[],
    newRefreshToken: string | null,
    nonce: string | null,
    usedRefreshToken: string | null = null,
  ): TokenResponse {
    const accessToken = this.ids.accessToken();
    const now = this.clock.now();
    this.store.accessTokens.set(accessToken, {
      token: accessToken,
      clientId: client.clientId,
      sub: account.sub,
      scopes,
      expiresAt: now + this.options.accessTokenLifetimeSec * 1000,
      refreshToken: newRefreshToken ?? usedRefreshToken,
      revoked: false,
    });
    this.store.touch();
    const response: TokenResponse = {
      access_token: accessToken,
      expires_in: this.options.accessTokenLifetimeSec,
      scope: scopes.join(' '),
      token_type: 'Bearer',
    };
    if (scopes.includes('openid')) response.id_token = this.idToken(client, account, scopes, accessToken, nonce);
    if (newRefreshToken) {
      response.refresh_token = newRefreshToken;
      if (this.options.refreshTokenLifetimeSec !== null) response.refresh_token_expires_in = this.options.refreshTokenLifetimeSec;
    }
    return response;
  }

  private idToken(client: OAuthClientRecord, account: Account, scopes: string[], accessToken: string, nonce: string | null): string {
    const iat = Math.floor(this.clock.now() / 1000);
    const claims: Record<string, unknown> = {
      iss: this.options.issuer,
      azp: client.clientId,
      aud: client.clientId,
      sub: account.sub,
      at_hash: accessTokenHash(accessToken),
      iat,
      exp: iat + 3600,
    };
    if (hasAnyScope(scopes, SCOPES_FOR.email)) {
      claims.email = account.email;
      claims.email_verified = account.emailVerified;
    }
    if (hasAnyScope(scopes, SCOPES_FOR.profile)) {
      claims.name = account.name;
      claims.given_name = account.givenName;
      claims.family_name = account.familyName;
      claims.picture = account.picture;
    }
    if (nonce) claims.nonce = nonce;
    return this.key.signJwt(claims);
  }
}

function safeEqual(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}
