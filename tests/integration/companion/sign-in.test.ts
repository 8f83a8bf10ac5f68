import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { GoogleEmulator } from '../../../server/dev/google-emulator/app.ts';
import { bearer, EXTENSION_REDIRECT, pathOf, signInExtension, startCompanion, throughGoogle, type Companion } from '../../support/companion.ts';
import { startEmulator } from '../../support/google-emulator.ts';
import { databases } from './databases.ts';

describe.each(await databases())('sign-in and calendar consent (%s)', (_name, database) => {
  let emulator: GoogleEmulator;
  let c: Companion;
  beforeAll(async () => {
    emulator = await startEmulator();
    c = await startCompanion(emulator, database);
  });
  afterAll(async () => {
    await c?.close();
    await emulator?.close();
  });

  const startUrl = async (path: string) => {
    const res = await c.app.inject({ url: path });
    expect(res.statusCode).toBe(302);
    return new URL(res.headers.location as string);
  };

  it('asks Google for offline calendar access with PKCE S256, state and nonce', async () => {
    const url = await startUrl('/auth/google/calendar');
    const p = url.searchParams;
    expect(url.origin + url.pathname).toBe(`${emulator.url}/o/oauth2/v2/auth`);
    expect(p.get('scope')!.split(' ')).toEqual(expect.arrayContaining(['openid', 'email', 'profile', 'https://www.googleapis.com/auth/calendar.events', 'https://www.googleapis.com/auth/calendar.readonly']));
    expect(p.get('access_type')).toBe('offline');
    expect(p.get('prompt')).toBe('consent');
    expect(p.get('include_granted_scopes')).toBe('true');
    expect(p.get('code_challenge_method')).toBe('S256');
    expect(p.get('state')!.length).toBeGreaterThanOrEqual(43);
    expect(p.get('nonce')!.length).toBeGreaterThanOrEqual(43);
    expect(p.get('redirect_uri')).toBe('http://127.0.0.1:8787/auth/google/calendar/callback');
  });

  it('signs in with OpenID Connect only, without offline access', async () => {
    const p = (await startUrl('/auth/google')).searchParams;
    expect(p.get('scope')!.split(' ').sort()).toEqual(['email', 'openid', 'profile']);
    expect(p.get('access_type')).toBe('online');
  });

  it('gives the extension a one-time code on its redirect URL, and a token for it', async () => {
    const token = await signInExtension(c, 'ann@example.com');
    expect(token).toMatch(/^cat_[A-Za-z0-9_-]{43}$/);
    const session = await c.app.inject({ url: '/api/session', headers: bearer(token) });
    expect(session.statusCode).toBe(200);
    expect(session.json()).toMatchObject({ user: { email: 'ann@example.com', timeZone: 'UTC' }, connection: { status: 'connected' }, demo: true, token: { kind: 'extension' } });
    expect(session.headers['x-demo-mode']).toBe('1');
  });

  it('refuses a one-time code the second time', async () => {
    const start = await startUrl(`/auth/google/calendar?client=extension&redirect=${encodeURIComponent(EXTENSION_REDIRECT)}`);
    start.searchParams.set('login_hint', 'bob@example.com');
    const back = await throughGoogle(start.toString());
    const code = new URL((await c.app.inject({ url: pathOf(back) })).headers.location as string).searchParams.get('code')!;
    expect((await c.app.inject({ method: 'POST', url: '/auth/extension/token', payload: { code } })).statusCode).toBe(200);
    const again = await c.app.inject({ method: 'POST', url: '/auth/extension/token', payload: { code } });
    expect(again.statusCode).toBe(400);
    expect(again.json()).toMatchObject({ error: 'invalid_request', field: 'code' });
  });

  it('signs a browser in with an httpOnly SameSite session cookie', async () => {
    const start = await startUrl('/auth/google');
    start.searchParams.set('login_hint', 'web@example.com');
    const callback = await c.app.inject({ url: pathOf(await throughGoogle(start.toString())) });
    expect(callback.statusCode).toBe(302);
    expect(callback.headers.location).toBe('/');
    const cookies = [callback.headers['set-cookie']].flat().join('\n');
    expect(cookies).toMatch(/ca_session=[^;]+;.*HttpOnly/i);
    expect(cookies).toMatch(/SameSite=Lax/i);
    const session = /ca_session=([^;]+)/.exec(cookies)![1]!;
    const me = await c.app.inject({ url: '/api/session', cookies: { ca_session: session } });
    expect(me.json()).toMatchObject({ user: { email: 'web@example.com' }, connection: { status: 'not_connected' } });
  });

  it('refuses a replayed callback (state is single use)', async () => {
    const start = await startUrl('/auth/google');
    const back = await throughGoogle(start.toString());
    expect((await c.app.inject({ url: pathOf(back) })).statusCode).toBe(302);
    const replay = await c.app.inject({ url: pathOf(back) });
    expect(replay.statusCode).toBe(400);
    expect(replay.body).toContain('expired or was already used');
  });

  it('refuses an id_token whose nonce is not the one we sent', async () => {
    const start = await startUrl('/auth/google');
    start.searchParams.set('nonce', 'a-nonce-of-the-attacker');
    const res = await c.app.inject({ url: pathOf(await throughGoogle(start.toString())) });
    expect(res.statusCode).toBe(401);
  });

  it('refuses an id_token signed with a key that is not Google\'s', async () => {
    const impostor = await startEmulator();
    // Google's published keys come from the impostor: the real emulator's signatures no longer verify.
    const forged = await startCompanion(emulator, database, {}, {}, { pemCertsUrl: `${impostor.url}/oauth2/v1/certs` });
    try {
      const start = new URL((await forged.app.inject({ url: '/auth/google' })).headers.location as string);
      const res = await forged.app.inject({ url: pathOf(await throughGoogle(start.toString())) });
      expect(res.statusCode).toBe(401);
      expect(forged.log.text).toContain('id_token rejected');
    } finally {
      await forged.close();
      await impostor.close();
    }
  });

  it('refuses an expired id_token', async () => {
    const start = await startUrl('/auth/google');
    emulator.ctx.clock.offset = -3 * 3_600_000; // Google's clock says the token expired two hours ago.
    try {
      const res = await c.app.inject({ url: pathOf(await throughGoogle(start.toString())) });
      expect(res.statusCode).toBe(401);
    } finally {
      emulator.ctx.clock.offset = 0;
    }
  });

  it('refuses an unverified email', async () => {
    await fetch(`${emulator.url}/__emulator/accounts`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email: 'unverified@example.com', emailVerified: false }) });
    const start = await startUrl('/auth/google');
    start.searchParams.set('login_hint', 'unverified@example.com');
    const res = await c.app.inject({ url: pathOf(await throughGoogle(start.toString())) });
    expect(res.statusCode).toBe(403);
  });

  it('tells the extension about a failure on its redirect URL', async () => {
    const start = await startUrl(`/auth/google?client=extension&redirect=${encodeURIComponent(EXTENSION_REDIRECT)}&state=s1`);
    const back = new URL(`${start.searchParams.get('redirect_uri')}?state=${start.searchParams.get('state')}&error=access_denied`);
    const res = await c.app.inject({ url: pathOf(back) });
    const to = new URL(res.headers.location as string);
    expect(to.origin).toBe(new URL(EXTENSION_REDIRECT).origin);
    expect(to.searchParams.get('error')).toBe('forbidden');
    expect(to.searchParams.get('state')).toBe('s1');
  });

  it('accepts only allowed extensions as redirect targets', async () => {
    for (const redirect of ['https://evil.example/cb', 'https://ponmlkjihgfedcbaponmlkjihgfedcba.chromiumapp.org/', 'http://abcdefghijklmnopabcdefghijklmnop.chromiumapp.org/']) {
      const res = await c.app.inject({ url: `/auth/google?client=extension&redirect=${encodeURIComponent(redirect)}` });
      expect(res.statusCode, redirect).toBe(400);
      expect(res.json()).toMatchObject({ error: 'invalid_request', field: 'redirect' });
    }
  });

  it('marks the connection insufficient_scope when the calendar box was unticked, and calls no Calendar API', async () => {
    const start = await startUrl(`/auth/google/calendar?client=extension&redirect=${encodeURIComponent(EXTENSION_REDIRECT)}`);
    start.searchParams.set('scope', 'openid email profile');
    start.searchParams.set('login_hint', 'unticked@example.com');
    const back = await throughGoogle(start.toString());
    const code = new URL((await c.app.inject({ url: pathOf(back) })).headers.location as string).searchParams.get('code')!;
    const token = (await c.app.inject({ method: 'POST', url: '/auth/extension/token', payload: { code } })).json().token as string;
    expect((await c.app.inject({ url: '/api/session', headers: bearer(token) })).json()).toMatchObject({ connection: { status: 'insufficient_scope' } });
    emulator.ctx.counters.reset();
    const res = await c.app.inject({ url: '/api/calendars', headers: bearer(token) });
    expect(res.statusCode, res.body).toBe(403);
    expect(res.json()).toMatchObject({ error: 'insufficient_scope' });
    expect(emulator.ctx.counters.snapshot().byAccount['unticked@example.com'] ?? {}).toEqual({});
  });

  it('keeps the user by issuer and subject when the email changes at Google', async () => {
    const token = await signInExtension(c, 'rename@example.com');
    const before = (await c.app.inject({ url: '/api/session', headers: bearer(token) })).json().user.id;
    const account = emulator.ctx.store.accountByEmail('rename@example.com')!;
    account.email = 'renamed@example.com';
    const token2 = await signInExtension(c, 'renamed@example.com');
    const after = (await c.app.inject({ url: '/api/session', headers: bearer(token2) })).json().user;
    expect(after.id).toBe(before);
    expect(after.email).toBe('renamed@example.com');
  });

  it('stores the refresh token encrypted, bound to its user', async () => {
    await signInExtension(c, 'cipher@example.com');
    const account = emulator.ctx.store.accountByEmail('cipher@example.com')!;
    const refreshTokens = [...emulator.ctx.store.refreshTokens.values()].filter((t) => t.sub === account.sub).map((t) => t.token);
    expect(refreshTokens.length).toBeGreaterThan(0);
    const user = await c.app.db.selectFrom('users').selectAll().where('sub', '=', account.sub).executeTakeFirstOrThrow();
    const row = await c.app.db.selectFrom('google_connections').selectAll().where('user_id', '=', user.id).executeTakeFirstOrThrow();
    expect(row.refresh_token_enc).toMatch(/^v1\.t1\./);
    for (const t of refreshTokens) expect(row.refresh_token_enc).not.toContain(t);
    expect(c.app.services.cipher.decrypt(row.refresh_token_enc!, `${user.id}:google-refresh-token`).reveal()).toBe(refreshTokens.at(-1));
    expect(() => c.app.services.cipher.decrypt(row.refresh_token_enc!, `someone-else:google-refresh-token`)).toThrow();
  });

  it('writes no token, code or secret to the log', async () => {
    const token = await signInExtension(c, 'logs@example.com');
    await c.app.inject({ url: '/api/calendars', headers: bearer(token) });
    const log = c.log.text;
    expect(log.length).toBeGreaterThan(1000);
    const secrets = [
      token,
      ...[...emulator.ctx.store.accessTokens.keys()],
      ...[...emulator.ctx.store.refreshTokens.keys()],
      ...[...emulator.ctx.store.authCodes.keys()],
      c.config.google.clientSecret,
    ];
    for (const s of secrets) expect(log.includes(s), `log contains ${s.slice(0, 8)}…`).toBe(false);
    expect(log).toContain('[REDACTED]');
  });
});
