import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { GoogleEmulator } from '../../../server/dev/google-emulator/app.ts';
import { bearer, sharedDeployment, signInExtension, startCompanion, type Companion } from '../../support/companion.ts';
import { startEmulator } from '../../support/google-emulator.ts';
import { testClock } from '../../support/test-clock.ts';
import { databases } from './databases.ts';

/** Two companion instances on one database, as behind a load balancer. */
describe.each(await databases())('two instances on one database (%s)', (_name, database) => {
  let emulator: GoogleEmulator;
  let a: Companion;
  let b: Companion;
  let dropDatabase: (() => Promise<void>) | undefined;
  const clock = testClock(() => emulator);
  const { now, advance } = clock;
  beforeAll(async () => {
    emulator = await startEmulator();
    const shared = await sharedDeployment(database, 'multi');
    dropDatabase = shared.drop;
    a = await startCompanion(emulator, { kind: 'sqlite' }, shared.env, { now });
    b = await startCompanion(emulator, { kind: 'sqlite' }, shared.env, { now });
  });
  afterAll(async () => {
    await a?.close();
    await b?.close();
    await dropDatabase?.();
    await emulator?.close();
  });

  beforeEach(() => clock.reset());

  it('refreshes an expired token once at Google while both instances need it at the same moment', async () => {
    const token = await signInExtension(a, 'shared@example.com');
    advance(3600_000);
    emulator.ctx.faults.add({ kind: 'slow', delayMs: 300, count: 1, match: { operation: 'oauth.token' } });
    const before = emulator.ctx.counters.get('oauth.token', 'shared@example.com');
    const calls = [a, b, a, b, a, b].map((c) => c.app.inject({ url: '/api/calendars', headers: bearer(token) }));
    const sweeps = [a.app.jobs.run('refresh-tokens'), b.app.jobs.run('refresh-tokens')];
    const responses = await Promise.all(calls);
    await Promise.all(sweeps);
    expect(responses.map((r) => r.statusCode)).toEqual([200, 200, 200, 200, 200, 200]);
    expect(emulator.ctx.counters.get('oauth.token', 'shared@example.com') - before).toBe(1);
    // The lease is given back: the next expiry is refreshed again, by either instance.
    advance(3600_000);
    expect((await b.app.inject({ url: '/api/calendars', headers: bearer(token) })).statusCode).toBe(200);
    expect(emulator.ctx.counters.get('oauth.token', 'shared@example.com') - before).toBe(2);
  });

  it('refreshes once, and asks nobody to reconnect, when Google stops taking the token both instances are using (401)', async () => {
    const email = 'rejected@example.com';
    const token = await signInExtension(a, email);
    const calendars = (c: Companion) => c.app.inject({ url: '/api/calendars', headers: bearer(token) });
    // Both instances now hold the token in memory, as they would while serving the user.
    expect([(await calendars(a)).statusCode, (await calendars(b)).statusCode]).toEqual([200, 200]);
    emulator.ctx.oauth.expireAccessTokens(emulator.ctx.store.accountByEmail(email)!.sub);
    // Two calls made with the old token hear their 401 only after the others have refreshed it.
    emulator.ctx.faults.add({ kind: 'slow', delayMs: 400, count: 2, match: { operation: 'calendar.calendarList.list' } });
    const before = emulator.ctx.counters.get('oauth.token', email);
    const calls = [a, b, a, b, a, b, a, b].map((c) => calendars(c));
    const sweeps = [a.app.jobs.run('refresh-tokens'), b.app.jobs.run('refresh-tokens')];
    const responses = await Promise.all(calls);
    await Promise.all(sweeps);
    expect(responses.map((r) => r.statusCode)).toEqual([200, 200, 200, 200, 200, 200, 200, 200]);
    expect(emulator.ctx.counters.get('oauth.token', email) - before).toBe(1);
    // The token both now use is the new one: nothing else is refreshed.
    expect([(await calendars(a)).statusCode, (await calendars(b)).statusCode]).toEqual([200, 200]);
    expect(emulator.ctx.counters.get('oauth.token', email) - before).toBe(1);
  });

  it('takes over a lease its holder left behind once it lapses', async () => {
    const token = await signInExtension(a, 'crashed@example.com');
    const userId = (await a.app.db.selectFrom('users').select('id').where('email', '=', 'crashed@example.com').executeTakeFirstOrThrow()).id;
    advance(3600_000);
    // As if an instance died mid-refresh 40 s ago, its 30 s lease long run out.
    await a.app.db.updateTable('google_connections').set({ refresh_lease_owner: 'dead-instance', refresh_lease_until: now() - 10_000 }).where('user_id', '=', userId).execute();
    expect((await b.app.inject({ url: '/api/calendars', headers: bearer(token) })).statusCode).toBe(200);
    const row = await a.app.db.selectFrom('google_connections').select(['refresh_lease_owner']).where('user_id', '=', userId).executeTakeFirstOrThrow();
    expect(row.refresh_lease_owner).toBeNull();
  });
});
