import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { GoogleEmulator } from '../../../server/dev/google-emulator/app.ts';
import { expectGoogleError } from '../../support/google-errors.ts';
import {
  authorize,
  CALENDAR_EVENTS_SCOPE,
  calendarClientFor,
  makePkce,
  oauthClientFor,
  REDIRECT_URI,
  signIn,
  startEmulator,
} from '../../support/google-emulator.ts';

let emulator: GoogleEmulator;
beforeEach(async () => {
  emulator = await startEmulator();
});
afterEach(async () => {
  await emulator.close();
});

async function exchange(code: string, verifier?: string) {
  const client = oauthClientFor(emulator);
  return (await client.getToken({ code, ...(verifier ? { codeVerifier: verifier } : {}) })).tokens;
}

describe('OpenID Connect discovery and keys', () => {
  it('publishes a discovery document naming its own endpoints', async () => {
    const doc = (await (await fetch(`${emulator.url}/.well-known/openid-configuration`)).json()) as Record<string, unknown>;
    expect(doc.issuer).toBe(emulator.url);
    expect(doc.token_endpoint).toBe(`${emulator.url}/token`);
    expect(doc.jwks_uri).toBe(`${emulator.url}/oauth2/v3/certs`);
    expect(doc.code_challenge_methods_supported).toContain('S256');
  });

  it('serves the signing key as JWKS and as PEM under the same kid', async () => {
    const jwks = (await (await fetch(`${emulator.url}/oauth2/v3/certs`)).json()) as { keys: Array<{ kid: string; kty: string; alg: string }> };
    const pem = (await (await fetch(`${emulator.url}/oauth2/v1/certs`)).json()) as Record<string, string>;
    expect(jwks.keys[0]).toMatchObject({ kty: 'RSA', alg: 'RS256' });
    expect(Object.keys(pem)).toEqual([jwks.keys[0]!.kid]);
  });
});

describe('authorization code with PKCE', () => {
  it('issues access, refresh and id tokens whose id_token verifies with google-auth-library', async () => {
    const client = oauthClientFor(emulator);
    const pkce = makePkce();
    const { code, scope } = await authorize(emulator, client, { email: 'ann@example.com', pkce, nonce: 'n-123' });
    expect(scope.split(' ')).toContain('https://www.googleapis.com/auth/userinfo.email');
    const { tokens } = await client.getToken({ code, codeVerifier: pkce.verifier });
    expect(tokens.access_token).toMatch(/^ya29\./);
    expect(tokens.refresh_token).toMatch(/^1\/\//);
    expect(tokens.scope?.split(' ')).toContain(CALENDAR_EVENTS_SCOPE);
    const ticket = await client.verifyIdToken({ idToken: tokens.id_token!, audience: client._clientId! });
    const claims = ticket.getPayload()!;
    expect(claims).toMatchObject({ iss: emulator.url, aud: client._clientId, email: 'ann@example.com', email_verified: true, nonce: 'n-123' });
    expect(claims.sub).toMatch(/^\d{21}$/);
    expect(claims.exp! - claims.iat!).toBe(3600);
  });

  it('refuses a wrong code_verifier with 400 invalid_grant', async () => {
    const client = oauthClientFor(emulator);
    const { code } = await authorize(emulator, client, { email: 'ann@example.com', pkce: makePkce() });
    const err = await expectGoogleError(exchange(code, makePkce().verifier), 400);
    expect(err.message).toBe('invalid_grant');
  });

  it('refuses a missing code_verifier when a challenge was sent', async () => {
    const { code } = await authorize(emulator, oauthClientFor(emulator), { email: 'ann@example.com', pkce: makePkce() });
    const err = await expectGoogleError(exchange(code), 400);
    expect(err.message).toBe('invalid_grant');
  });

  it('accepts a code once only', async () => {
    const pkce = makePkce();
    const { code } = await authorize(emulator, oauthClientFor(emulator), { email: 'ann@example.com', pkce });
    await exchange(code, pkce.verifier);
    const err = await expectGoogleError(exchange(code, pkce.verifier), 400);
    expect(err.message).toBe('invalid_grant');
  });

  it('refuses a code after it expired (10 minutes)', async () => {
    const pkce = makePkce();
    const { code } = await authorize(emulator, oauthClientFor(emulator), { email: 'ann@example.com', pkce });
    emulator.ctx.clock.advance(601_000);
    await expectGoogleError(exchange(code, pkce.verifier), 400);
  });

  it('refuses a wrong client secret with 401 invalid_client', async () => {
    const pkce = makePkce();
    const { code } = await authorize(emulator, oauthClientFor(emulator), { email: 'ann@example.com', pkce });
    const bad = oauthClientFor(emulator, { clientSecret: 'wrong' });
    const err = await expectGoogleError(bad.getToken({ code, codeVerifier: pkce.verifier }), 401);
    expect(err.message).toBe('invalid_client');
  });

  it('picks the account named by login_hint', async () => {
    const ann = await signIn(emulator, 'ann@example.com');
    const bob = await signIn(emulator, 'bob@example.com');
    const annInfo = await ann.getTokenInfo(ann.credentials.access_token!);
    const bobInfo = await bob.getTokenInfo(bob.credentials.access_token!);
    expect(annInfo.email).toBe('ann@example.com');
    expect(bobInfo.email).toBe('bob@example.com');
    expect(annInfo.sub).not.toBe(bobInfo.sub);
  });
});

describe("Google's refresh-token rules", () => {
  it('returns no refresh token for access_type=online', async () => {
    const pkce = makePkce();
    const { code } = await authorize(emulator, oauthClientFor(emulator), { email: 'ann@example.com', pkce, accessType: 'online' });
    expect((await exchange(code, pkce.verifier)).refresh_token).toBeUndefined();
  });

  it('returns one on first consent, none on re-consent without prompt=consent, a new one with it', async () => {
    const email = 'ann@example.com';
    const first = await signIn(emulator, email);
    const again = await signIn(emulator, email);
    const forced = await signIn(emulator, email, { prompt: 'consent' });
    expect(first.credentials.refresh_token).toBeTruthy();
    expect(again.credentials.refresh_token).toBeUndefined();
    expect(forced.credentials.refresh_token).toBeTruthy();
    expect(forced.credentials.refresh_token).not.toBe(first.credentials.refresh_token);
  });

  it('refreshes an access token with the refresh_token grant', async () => {
    const client = await signIn(emulator, 'ann@example.com');
    const before = client.credentials.access_token;
    const { credentials } = await client.refreshAccessToken();
    expect(credentials.access_token).toMatch(/^ya29\./);
    expect(credentials.access_token).not.toBe(before);
    expect(credentials.id_token).toBeTruthy();
  });

  it('expires access tokens: an expired one is 401 at the Calendar API', async () => {
    const client = await signIn(emulator, 'ann@example.com');
    const token = client.credentials.access_token!;
    emulator.ctx.clock.advance(3601_000);
    const cal = calendarClientFor(emulator, client);
    await expectGoogleError(
      fetch(`${emulator.url}/calendar/v3/calendars/primary/events`, { headers: { authorization: `Bearer ${token}` } }).then(async (r) => {
        if (!r.ok) throw Object.assign(new Error('http'), { status: r.status, response: { data: await r.json() } });
      }),
      401,
      'authError',
    );
    // The official client refreshes by itself once it sees the token's expiry date has passed.
    client.setCredentials({ ...client.credentials, expiry_date: Date.now() - 1000 });
    const res = await cal.events.list({ calendarId: 'primary' });
    expect(res.status).toBe(200);
  });

  it('gives short-lived tokens when configured, so tests can exercise refresh', async () => {
    await emulator.close();
    emulator = await startEmulator({ accessTokenLifetimeSec: 5 });
    const client = await signIn(emulator, 'ann@example.com');
    expect(client.credentials.expiry_date! - Date.now()).toBeLessThanOrEqual(5_000);
  });

  it('answers invalid_grant for a revoked refresh token, and revocation also kills its access tokens', async () => {
    const client = await signIn(emulator, 'ann@example.com');
    const refresh = client.credentials.refresh_token!;
    await client.revokeToken(refresh);
    const err = await expectGoogleError(client.refreshAccessToken(), 400);
    expect(err.message).toBe('invalid_grant');
    await expectGoogleError(calendarClientFor(emulator, client).events.list({ calendarId: 'primary' }), 401);
  });

  it('answers invalid_grant for an expired refresh token ("Testing" apps: 7 days)', async () => {
    await emulator.close();
    emulator = await startEmulator({ refreshTokenLifetimeSec: 7 * 86_400 });
    const client = await signIn(emulator, 'ann@example.com');
    expect(client.credentials.refresh_token).toBeTruthy();
    await client.refreshAccessToken();
    emulator.ctx.clock.advance(7 * 86_400_000 + 1000);
    const err = await expectGoogleError(client.refreshAccessToken(), 400);
    expect(err.message).toBe('invalid_grant');
  });

  it('silently invalidates the oldest refresh token past the per-client cap', async () => {
    await emulator.close();
    emulator = await startEmulator({ maxRefreshTokensPerGrant: 2 });
    const a = await signIn(emulator, 'ann@example.com', { prompt: 'consent' });
    const b = await signIn(emulator, 'ann@example.com', { prompt: 'consent' });
    const c = await signIn(emulator, 'ann@example.com', { prompt: 'consent' });
    await expectGoogleError(a.refreshAccessToken(), 400);
    await expect(b.refreshAccessToken()).resolves.toBeTruthy();
    await expect(c.refreshAccessToken()).resolves.toBeTruthy();
  });

  it('a revoked grant is forgotten: the next consent issues a refresh token again', async () => {
    const first = await signIn(emulator, 'ann@example.com');
    await first.revokeToken(first.credentials.refresh_token!);
    const next = await signIn(emulator, 'ann@example.com');
    expect(next.credentials.refresh_token).toBeTruthy();
  });

  it('unions previously granted scopes with include_granted_scopes=true', async () => {
    await signIn(emulator, 'ann@example.com', { scopes: ['openid', 'email'] });
    const pkce = makePkce();
    const { code } = await authorize(emulator, oauthClientFor(emulator), {
      email: 'ann@example.com',
      pkce,
      scopes: [CALENDAR_EVENTS_SCOPE],
      includeGrantedScopes: true,
    });
    const tokens = await exchange(code, pkce.verifier);
    expect(tokens.scope?.split(' ').sort()).toEqual(['https://www.googleapis.com/auth/userinfo.email', CALENDAR_EVENTS_SCOPE, 'openid'].sort());
  });

  it('refreshes once for fifty concurrent calls on an expired token (counted per account)', async () => {
    const client = await signIn(emulator, 'ann@example.com');
    emulator.ctx.clock.advance(3601_000);
    client.setCredentials({ ...client.credentials, expiry_date: Date.now() - 1000 });
    emulator.ctx.counters.reset();
    const cal = calendarClientFor(emulator, client);
    await Promise.all(Array.from({ length: 50 }, () => cal.events.list({ calendarId: 'primary' })));
    expect(emulator.ctx.counters.get('oauth.token', 'ann@example.com')).toBe(1);
    expect(emulator.ctx.counters.get('calendar.events.list', 'ann@example.com')).toBe(50);
  });
});

describe('userinfo and tokeninfo', () => {
  it('returns the profile for a token with email and profile scopes', async () => {
    const client = await signIn(emulator, 'ann.lee@example.com');
    const res = await fetch(`${emulator.url}/v1/userinfo`, { headers: { authorization: `Bearer ${client.credentials.access_token}` } });
    expect(await res.json()).toMatchObject({ email: 'ann.lee@example.com', email_verified: true, name: 'Ann Lee', given_name: 'Ann' });
  });

  it('answers 401 without a valid token', async () => {
    const res = await fetch(`${emulator.url}/v1/userinfo`, { headers: { authorization: 'Bearer nope' } });
    expect(res.status).toBe(401);
  });
});

describe('authorization request errors', () => {
  const authUrl = (params: Record<string, string>) => `${emulator.url}/o/oauth2/v2/auth?${new URLSearchParams(params)}`;
  const base = () => ({ client_id: 'demo-client.apps.googleusercontent.com', redirect_uri: REDIRECT_URI, response_type: 'code', scope: 'openid', state: 's1' });

  it('shows an error page (no redirect) for an unknown client', async () => {
    const res = await fetch(authUrl({ ...base(), client_id: 'nobody' }), { redirect: 'manual' });
    expect(res.status).toBe(401);
    expect(await res.text()).toContain('invalid_client');
  });

  it('shows an error page (no redirect) for a redirect URI the client did not register', async () => {
    const res = await fetch(authUrl({ ...base(), redirect_uri: 'https://evil.example/cb' }), { redirect: 'manual' });
    expect(res.status).toBe(400);
    expect(await res.text()).toContain('redirect_uri_mismatch');
  });

  it('redirects with error=invalid_request and the state when scope is missing', async () => {
    const { scope: _scope, ...params } = base();
    const res = await fetch(authUrl(params), { redirect: 'manual' });
    const location = new URL(res.headers.get('location')!);
    expect(location.searchParams.get('error')).toBe('invalid_request');
    expect(location.searchParams.get('state')).toBe('s1');
  });
});
