import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { GoogleEmulator } from '../../../server/dev/google-emulator/app.ts';
import { bearer, signInExtension, startCompanion, type Companion } from '../../support/companion.ts';
import { startEmulator } from '../../support/google-emulator.ts';
import { testClock } from '../../support/test-clock.ts';
import { databases } from './databases.ts';

describe.each(await databases())('background jobs in process (%s)', (_name, database) => {
  let emulator: GoogleEmulator;
  let c: Companion;
  const clock = testClock(() => emulator);
  const { now, advance } = clock;
  beforeAll(async () => {
    emulator = await startEmulator();
    c = await startCompanion(emulator, database, { JOBS: 'off' }, { now });
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

  it('refreshes tokens that run out within ten minutes, and leaves the others', async () => {
    const soon = await signInExtension(c, 'soon@example.com');
    clock.skew(3600_000 - 5 * 60_000); // by the companion's clock, 5 minutes left for everyone signed in so far
    await signInExtension(c, 'fresh@example.com'); // a full hour left
    const before = { soon: tokenCalls('soon@example.com'), fresh: tokenCalls('fresh@example.com') };
    const summary = await c.app.jobs.run('refresh-tokens');
    expect(summary.refreshed).toBeGreaterThanOrEqual(1);
    expect(tokenCalls('soon@example.com')).toBe(before.soon + 1);
    expect(tokenCalls('fresh@example.com')).toBe(before.fresh);
    // The request after the sweep uses the refreshed token: no refresh in the request path.
    expect((await c.app.inject({ url: '/api/calendars', headers: bearer(soon) })).statusCode).toBe(200);
    expect(tokenCalls('soon@example.com')).toBe(before.soon + 1);
  });

  it('shares one refresh between the sweep and requests arriving at the same moment', async () => {
    const token = await signInExtension(c, 'together@example.com');
    advance(3600_000);
    emulator.ctx.faults.add({ kind: 'slow', delayMs: 200, count: 1, match: { operation: 'oauth.token' } });
    const before = tokenCalls('together@example.com');
    await Promise.all([c.app.jobs.run('refresh-tokens'), ...Array.from({ length: 10 }, () => c.app.inject({ url: '/api/calendars', headers: bearer(token) }))]);
    expect(tokenCalls('together@example.com') - before).toBe(1);
  });

  it('marks a connection Google refuses as reconnect_required', async () => {
    const token = await signInExtension(c, 'gone@example.com');
    await fetch(`${emulator.url}/__emulator/accounts/gone@example.com/revoke-access`, { method: 'POST' });
    advance(3600_000);
    const summary = await c.app.jobs.run('refresh-tokens');
    expect(summary.failed).toBeGreaterThanOrEqual(1);
    expect((await c.app.inject({ url: '/api/session', headers: bearer(token) })).json()).toMatchObject({ connection: { status: 'reconnect_required' } });
  });

  it('cleans up expired sign-in requests, codes and idempotency records, and keeps live ones', async () => {
    const token = await signInExtension(c, 'tidy@example.com');
    await c.app.inject({ url: '/auth/google' }); // a pending sign-in round trip (10 minutes)
    const body = { title: 'Kept', start: '2027-01-01T10:00:00Z', end: '2027-01-01T11:00:00Z' };
    await c.app.inject({ method: 'POST', url: '/api/events', headers: { ...bearer(token), 'idempotency-key': 'cleanup-key-0001' }, payload: body });
    const count = async (table: 'auth_requests' | 'idempotency_keys') => Number((await c.app.db.selectFrom(table).select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);
    expect(await count('auth_requests')).toBeGreaterThan(0);
    expect(await count('idempotency_keys')).toBeGreaterThan(0);
    expect((await c.app.jobs.run('cleanup')).authRequests).toBe(0);
    advance(3 * 86_400_000);
    const summary = await c.app.jobs.run('cleanup');
    expect(summary.authRequests).toBeGreaterThan(0);
    expect(summary.idempotencyKeys).toBeGreaterThan(0);
    expect(await count('auth_requests')).toBe(0);
    expect(await count('idempotency_keys')).toBe(0);
  });

  it('lets a job in flight finish when the server closes', async () => {
    const other = await startCompanion(emulator, database, { JOBS: 'off' }, { now });
    await signInExtension(other, 'drain@example.com');
    advance(3600_000);
    emulator.ctx.faults.add({ kind: 'slow', delayMs: 300, count: 1, match: { operation: 'oauth.token' } });
    const before = tokenCalls('drain@example.com');
    const run = other.app.jobs.run('refresh-tokens');
    await other.close();
    expect((await run).refreshed).toBeGreaterThanOrEqual(1);
    expect(tokenCalls('drain@example.com')).toBe(before + 1);
  });
});
