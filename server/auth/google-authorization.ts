import { createHash, randomBytes } from 'node:crypto';
import type { FastifyBaseLogger } from 'fastify';
import { ApiError, apiErrors } from '../api-error.ts';
import type { Config } from '../config.ts';
import type { Db } from '../db/database.ts';
import { consumeAuthRequest, saveAuthRequest, type AuthRequest } from '../db/repositories/auth-requests.ts';
import { saveConnectionGrant } from '../db/repositories/google-connections.ts';
import { findUser, upsertUserByIdentity, type User } from '../db/repositories/users.ts';
import type { AuthClient, AuthPurpose, ConnectionStatus } from '../db/schema.ts';
import { CALENDAR_SCOPES, createOAuthClient, REQUIRED_CALENDAR_SCOPE, SIGN_IN_SCOPES } from '../google/oauth-client.ts';
import { expiryOnOurClock, tokenAad } from '../google/token-service.ts';
import { Secret } from '../secret.ts';
import type { TokenCipher } from '../token-cipher.ts';

const AUTH_REQUEST_TTL_MS = 10 * 60_000;

export const CALLBACK_PATHS: Record<AuthPurpose, string> = {
  signin: '/auth/google/callback',
  calendar: '/auth/google/calendar/callback',
};

export interface StartOptions {
  purpose: AuthPurpose;
  client: AuthClient;
  extensionRedirect?: string | undefined;
  extensionState?: string | undefined;
  /** The signed-in user connecting their calendar; null signs in and connects in one consent. */
  userId?: string | null;
}

/** A callback that failed, with the pending request when it was found (so the extension can be told on its redirect URL). */
export class AuthorizationFailed extends Error {
  constructor(
    readonly error: ApiError,
    readonly request: AuthRequest | undefined,
  ) {
    super(error.message);
  }
}

export interface CompletedAuthorization {
  user: User;
  request: AuthRequest;
  connection: ConnectionStatus | null;
}

/**
 * The OAuth round trips with Google: OpenID Connect sign-in and the separate
 * calendar consent. PKCE S256, random state and nonce kept server-side and used once.
 */
export class GoogleAuthorization {
  constructor(
    private readonly db: Db,
    private readonly cipher: TokenCipher,
    private readonly config: Config,
    private readonly log: FastifyBaseLogger,
    private readonly now: () => number = Date.now,
  ) {}

  async start(options: StartOptions): Promise<string> {
    const state = randomBytes(32).toString('base64url');
    const nonce = randomBytes(32).toString('base64url');
    const verifier = randomBytes(48).toString('base64url');
    const user = options.userId ? await findUser(this.db, options.userId) : undefined;
    const calendar = options.purpose === 'calendar';
    const scopes = calendar ? (user ? CALENDAR_SCOPES : [...SIGN_IN_SCOPES, ...CALENDAR_SCOPES]) : SIGN_IN_SCOPES;
    await saveAuthRequest(this.db, {
      state,
      nonce,
      code_verifier: verifier,
      purpose: options.purpose,
      client: options.client,
      extension_redirect: options.extensionRedirect ?? null,
      extension_state: options.extensionState ?? null,
      user_id: user?.id ?? null,
      expires_at: this.now() + AUTH_REQUEST_TTL_MS,
    });
    const oauth = createOAuthClient(this.config.google, this.redirectUri(options.purpose));
    return oauth.generateAuthUrl({
      scope: scopes,
      state,
      nonce,
      code_challenge: createHash('sha256').update(verifier).digest('base64url'),
      code_challenge_method: 'S256' as never,
      include_granted_scopes: true,
      // Only a calendar connection needs offline access; prompt=consent makes Google send a refresh token every time.
      ...(calendar ? { access_type: 'offline', prompt: 'consent' } : { access_type: 'online' }),
      ...(user ? { login_hint: user.email } : {}),
    });
  }

  /** Checks the callback and returns who signed in; tokens are stored encrypted before this returns. */
  async complete(purpose: AuthPurpose, query: { state?: string; code?: string; error?: string }): Promise<CompletedAuthorization> {
    if (!query.state) throw new AuthorizationFailed(apiErrors.invalid('state', 'Missing state.'), undefined);
    const request = await consumeAuthRequest(this.db, query.state, this.now());
    if (!request || request.purpose !== purpose) {
      throw new AuthorizationFailed(apiErrors.invalid('state', 'This sign-in link expired or was already used. Start again.'), undefined);
    }
    try {
      return await this.finish(purpose, request, query);
    } catch (error) {
      if (error instanceof ApiError) throw new AuthorizationFailed(error, request);
      throw error;
    }
  }

  private async finish(purpose: AuthPurpose, request: AuthRequest, query: { code?: string; error?: string }): Promise<CompletedAuthorization> {
    if (query.error) throw new ApiError(403, 'forbidden', `Google sign-in did not complete: ${query.error}.`, { field: 'error' });
    if (!query.code) throw apiErrors.invalid('code', 'Missing code.');

    const oauth = createOAuthClient(this.config.google, this.redirectUri(purpose));
    let tokens;
    try {
      ({ tokens } = await oauth.getToken({ code: query.code, codeVerifier: request.code_verifier }));
    } catch (error) {
      this.log.warn({ status: (error as { status?: number }).status }, 'authorization code exchange failed');
      throw apiErrors.invalid('code', 'Google did not accept the sign-in code. Start again.');
    }
    if (!tokens.id_token || !tokens.access_token) throw apiErrors.invalid('code', 'Google sent no ID token.');

    let claims;
    try {
      // Signature (against Google's published keys), iss, aud and exp are checked here.
      claims = (await oauth.verifyIdToken({ idToken: tokens.id_token, audience: this.config.google.clientId })).getPayload();
    } catch (error) {
      this.log.warn({ reason: (error as Error).message }, 'id_token rejected');
      throw new ApiError(401, 'unauthorized', 'The sign-in could not be verified.');
    }
    if (!claims || claims.nonce !== request.nonce) throw new ApiError(401, 'unauthorized', 'The sign-in could not be verified (nonce).');
    if (!claims.email || claims.email_verified !== true) throw new ApiError(403, 'forbidden', 'Your Google account email is not verified.');

    const now = this.now();
    const user = await upsertUserByIdentity(
      this.db,
      { iss: claims.iss, sub: claims.sub, email: claims.email, emailVerified: true, name: claims.name ?? null, picture: claims.picture ?? null },
      now,
    );
    if (request.user_id && request.user_id !== user.id) {
      throw new ApiError(403, 'forbidden', `You are signed in as another account; connect the calendar of the account you signed in with (${claims.email} was chosen).`);
    }

    let connection: ConnectionStatus | null = null;
    if (purpose === 'calendar') {
      const granted = (tokens.scope ?? '').split(' ');
      // The user may untick the calendar box on Google's consent screen: then we hold no usable grant.
      connection = granted.includes(REQUIRED_CALENDAR_SCOPE) ? 'connected' : 'insufficient_scope';
      await saveConnectionGrant(
        this.db,
        user.id,
        {
          status: connection,
          scopes: granted.join(' '),
          // Without prompt=consent Google sends no new refresh token: the stored one is kept (null leaves it).
          refreshTokenEnc: tokens.refresh_token ? this.cipher.encrypt(new Secret(tokens.refresh_token), tokenAad.refresh(user.id)) : null,
          accessTokenEnc: this.cipher.encrypt(new Secret(tokens.access_token), tokenAad.access(user.id)),
          accessTokenExpiresAt: expiryOnOurClock(tokens.expiry_date, now),
        },
        now,
      );
    }
    return { user, request, connection };
  }

  private redirectUri(purpose: AuthPurpose): string {
    return `${this.config.publicUrl}${CALLBACK_PATHS[purpose]}`;
  }
}
