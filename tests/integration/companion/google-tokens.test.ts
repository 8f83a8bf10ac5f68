import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { GoogleEmulator } from '../../../server/dev/google-emulator/app.ts';
import { bearer, signInExtension, startCompanion, type Companion } from '../../support/companion.ts';
import { startEmulator } from '../../support/google-emulator.ts';
import { testClock } from '../../support/test-clock.ts';
import { databases } from './databases.ts';

describe.each(await databases())('Google access tokens (%s)', (_name, database) => {
  let emulator: GoogleEmulator;
  let c: Companion;
  const clock = testClock(() => emulator);
  const { now, advance } = clock;
  beforeAll(async () => {
    emulator = await startEmulator();
    c = await startCompanion(emulator, database, {}, { now });
  });
  afterAll(async () => {
    await c?.close();
    await emulator?.close();
  });
  beforeEach(() => {
    clock.reset();
    emulator.ctx.faults.clear();
  });

  const tokenCalls = (email: string) => emulator.ctx.counters.get('oauth.token', email);

  it('uses the access token from the consent until it nears expiry, then refreshes before calling', async () => {
    const token = await signInExtension(c, 'fresh@example.com');
    const afterConsent = tokenCalls('fresh@example.com');
    expect((await c.app.inject({ url: '/api/calendars', headers: bearer(token) })).statusCode).toBe(200);
    expect(tokenCalls('fresh@example.com')).toBe(afterConsent);
    advance(3600_000 - 50_000); // 50 s left: under the 60 s margin
    const res = await c.app.inject({ url: '/api/calendars', headers: bearer(token) });
    expect(res.statusCode).toBe(200);
    expect(tokenCalls('fresh@example.com')).toBe(afterConsent + 1);
  });

  it('refreshes once for fifty concurrent requests (single-flight)', async () => {
    const token = await signInExtension(c, 'burst@example.com');
    advance(3600_000);
    const before = tokenCalls('burst@example.com');
    const results = await Promise.all(Array.from({ length: 50 }, () => c.app.inject({ url: '/api/calendars', headers: bearer(token) })));
    expect(results.map((r) => r.statusCode)).toEqual(Array(50).fill(200));
    expect(tokenCalls('burst@example.com') - before).toBe(1);
  });

  it('answers 401 reconnect_required once Google refuses the refresh token, and stops asking Google', async () => {
    const token = await signInExtension(c, 'revoked@example.com');
    await fetch(`${emulator.url}/__emulator/accounts/revoked@example.com/revoke-access`, { method: 'POST' });
    const res = await c.app.inject({ url: '/api/calendars', headers: bearer(token) });
    expect(res.statusCode).toBe(401);
    expect(res.json()).toMatchObject({ error: 'reconnect_required' });
    const session = await c.app.inject({ url: '/api/session', headers: bearer(token) });
    expect(session.json()).toMatchObject({ connection: { status: 'reconnect_required' } });
    const before = tokenCalls('revoked@example.com');
    expect((await c.app.inject({ url: '/api/calendars', headers: bearer(token) })).statusCode).toBe(401);
    expect(tokenCalls('revoked@example.com')).toBe(before);
  });

  it('reconnecting after reconnect_required works again', async () => {
    const token = await signInExtension(c, 'again@example.com');
    await fetch(`${emulator.url}/__emulator/accounts/again@example.com/revoke-access`, { method: 'POST' });
    expect((await c.app.inject({ url: '/api/calendars', headers: bearer(token) })).statusCode).toBe(401);
    await signInExtension(c, 'again@example.com');
    expect((await c.app.inject({ url: '/api/calendars', headers: bearer(token) })).statusCode).toBe(200);
  });

  it('recovers from a 401 for a token it thought valid by refreshing once', async () => {
    const token = await signInExtension(c, 'stale@example.com');
    await fetch(`${emulator.url}/__emulator/accounts/stale@example.com/expire-access-tokens`, { method: 'POST' });
    const before = tokenCalls('stale@example.com');
    const res = await c.app.inject({ url: '/api/calendars', headers: bearer(token) });
    expect(res.statusCode).toBe(200);
    expect(tokenCalls('stale@example.com')).toBe(before + 1);
  });

  it('keeps the stored refresh token when Google sends none (re-consent without prompt=consent)', async () => {
    const token = await signInExtension(c, 'keep@example.com');
    const start = await c.app.inject({ url: '/auth/google/calendar', headers: bearer(token) });
    const url = new URL(start.headers.location as string);
    url.searchParams.delete('prompt');
    const { throughGoogle, pathOf } = await import('../../support/companion.ts');
    const back = await throughGoogle(url.toString());
    expect((await c.app.inject({ url: pathOf(back) })).statusCode).toBe(302);
    advance(3600_000);
    expect((await c.app.inject({ url: '/api/calendars', headers: bearer(token) })).statusCode).toBe(200);
  });

  it('disconnects: revokes the grant at Google and forgets the tokens', async () => {
    const token = await signInExtension(c, 'bye@example.com');
    const res = await c.app.inject({ method: 'POST', url: '/auth/disconnect', headers: bearer(token) });
    expect(res.statusCode).toBe(204);
    const sub = emulator.ctx.store.accountByEmail('bye@example.com')!.sub;
    expect([...emulator.ctx.store.refreshTokens.values()].filter((t) => t.sub === sub && !t.revoked)).toEqual([]);
    expect((await c.app.inject({ url: '/api/session', headers: bearer(token) })).json()).toMatchObject({ connection: { status: 'not_connected' } });
    expect((await c.app.inject({ url: '/api/calendars', headers: bearer(token) })).json()).toMatchObject({ error: 'not_connected' });
  });

  it('signs out: the token stops working', async () => {
    const token = await signInExtension(c, 'out@example.com');
    expect((await c.app.inject({ method: 'POST', url: '/auth/logout', headers: bearer(token) })).statusCode).toBe(204);
    const res = await c.app.inject({ url: '/api/session', headers: bearer(token) });
    expect(res.statusCode).toBe(401);
    expect(res.json()).toMatchObject({ error: 'unauthorized' });
  });

  it('moves a refresh token to the new key after the encryption key is rotated', async () => {
    const { randomBytes } = await import('node:crypto');
    const token = await signInExtension(c, 'rotate@example.com');
    const userId = (await c.app.inject({ url: '/api/session', headers: bearer(token) })).json().user.id as string;
    const row = () => c.app.db.selectFrom('google_connections').select('refresh_token_enc').where('user_id', '=', userId).executeTakeFirstOrThrow();
    expect((await row()).refresh_token_enc).toMatch(/^v1\.t1\./);
    const oldKey = `t1:${c.config.encryption.keys.get('t1')!.toString('base64')}`;
    // Same database, a second app whose configuration puts a new key first and keeps the old one for reading.
    const rotated = await import('../../../server/config.ts').then(({ parseKeys }) => parseKeys(`t2:${randomBytes(32).toString('base64')},${oldKey}`));
    c.config.encryption.currentKeyId = rotated.currentKeyId;
    c.config.encryption.keys.set('t2', rotated.keys.get('t2')!);
    try {
      advance(3600_000);
      expect((await c.app.inject({ url: '/api/calendars', headers: bearer(token) })).statusCode).toBe(200);
      expect((await row()).refresh_token_enc).toMatch(/^v1\.t2\./);
    } finally {
      c.config.encryption.currentKeyId = 't1';
    }
  });

  it('expires API tokens after their lifetime', async () => {
    const token = await signInExtension(c, 'ttl@example.com');
    clock.skew(31 * 86_400_000);
    expect((await c.app.inject({ url: '/api/session', headers: bearer(token) })).statusCode).toBe(401);
  });
});
