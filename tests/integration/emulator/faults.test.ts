import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { calendar, type calendar_v3 } from '@googleapis/calendar';
import type { OAuth2Client } from 'google-auth-library';
import type { GoogleEmulator } from '../../../server/dev/google-emulator/app.ts';
import type { FaultRuleInput } from '../../../server/dev/google-emulator/faults.ts';
import { expectGoogleError } from '../../support/google-errors.ts';
import { calendarClientFor, signIn, startEmulator } from '../../support/google-emulator.ts';

let emulator: GoogleEmulator;
let auth: OAuth2Client;
let cal: calendar_v3.Calendar;

beforeAll(async () => {
  emulator = await startEmulator();
  auth = await signIn(emulator, 'ann@example.com');
  cal = calendarClientFor(emulator, auth);
});
afterAll(() => emulator.close());
beforeEach(async () => {
  await fetch(`${emulator.url}/__emulator/faults`, { method: 'DELETE' });
});

async function inject(rule: FaultRuleInput): Promise<Response> {
  return fetch(`${emulator.url}/__emulator/faults`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(rule) });
}

function header(err: { response?: { headers?: unknown } }, name: string): string | null | undefined {
  const h = err.response?.headers as { get?: (n: string) => string | null } | Record<string, string> | undefined;
  return typeof h?.get === 'function' ? h.get(name) : (h as Record<string, string> | undefined)?.[name];
}

describe('fault injection over HTTP', () => {
  it('answers the next call 429 with Retry-After, then recovers', async () => {
    expect((await inject({ status: 429, retryAfterSec: 7, count: 1, match: { operation: 'calendar.events' } })).status).toBe(201);
    const err = await expectGoogleError(cal.events.list({ calendarId: 'primary' }), 429, 'rateLimitExceeded');
    expect(header(err, 'retry-after')).toBe('7');
    await expect(cal.events.list({ calendarId: 'primary' })).resolves.toBeTruthy();
  });

  it("answers 403 userRateLimitExceeded, Google's usual way of saying slow down", async () => {
    await inject({ status: 403, reason: 'userRateLimitExceeded', count: 1 });
    const err = await expectGoogleError(cal.events.list({ calendarId: 'primary' }), 403, 'userRateLimitExceeded');
    expect(err.message).toBe('User Rate Limit Exceeded');
  });

  it('fails only the matching method: a POST insert gets 503 while reads pass', async () => {
    await inject({ status: 503, count: 1, match: { method: 'POST', operation: 'calendar.events.insert' } });
    await expect(cal.events.list({ calendarId: 'primary' })).resolves.toBeTruthy();
    const body = { id: 'faultinsert1', start: { dateTime: '2027-01-01T10:00:00Z' }, end: { dateTime: '2027-01-01T11:00:00Z' } };
    await expectGoogleError(cal.events.insert({ calendarId: 'primary', requestBody: body }), 503, 'backendError');
    // The failed insert wrote nothing: the retry with the same id succeeds once.
    await expect(cal.events.insert({ calendarId: 'primary', requestBody: body })).resolves.toBeTruthy();
  });

  it('drops the connection', async () => {
    await inject({ kind: 'drop', count: 1 });
    const err = (await cal.events.list({ calendarId: 'primary' }).catch((e: unknown) => e)) as { status?: number; code?: unknown; message: string };
    expect(err).toBeInstanceOf(Error);
    expect(err.status).toBeUndefined();
    await expect(cal.events.list({ calendarId: 'primary' })).resolves.toBeTruthy();
  });

  it('slows a response down', async () => {
    await inject({ kind: 'slow', delayMs: 300, count: 1 });
    const started = performance.now();
    await cal.events.list({ calendarId: 'primary' });
    expect(performance.now() - started).toBeGreaterThanOrEqual(280);
  });

  it('fails a seeded fraction of calls, reproducibly', async () => {
    emulator.ctx.faults.reseed(42);
    await inject({ status: 500, fraction: 0.5, match: { operation: 'calendar.events.list' } });
    const outcomes = await runLists(40);
    emulator.ctx.faults.clear();
    emulator.ctx.faults.reseed(42);
    await inject({ status: 500, fraction: 0.5, match: { operation: 'calendar.events.list' } });
    const again = await runLists(40);
    const failures = outcomes.filter((ok) => !ok).length;
    expect(failures).toBeGreaterThan(5);
    expect(failures).toBeLessThan(35);
    expect(again).toEqual(outcomes);
  });

  it("lets the official client's own retry (GET only) ride out two 503s", async () => {
    const retrying = calendar({ version: 'v3', auth, rootUrl: `${emulator.url}/` });
    await inject({ status: 503, count: 2, match: { operation: 'calendar.events.list' } });
    emulator.ctx.counters.reset();
    await expect(retrying.events.list({ calendarId: 'primary' })).resolves.toBeTruthy();
    expect(emulator.ctx.counters.get('calendar.events.list', 'ann@example.com')).toBe(3);
  });

  it('can fail the token endpoint too, in OAuth error shape', async () => {
    await inject({ status: 503, count: 1, match: { operation: 'oauth.token' } });
    const res = await fetch(`${emulator.url}/token`, { method: 'POST', body: new URLSearchParams({ grant_type: 'refresh_token' }) });
    expect(res.status).toBe(503);
    expect(await res.json()).toMatchObject({ error: 'internal_failure' });
  });

  it('refuses a malformed rule with 400 naming the field', async () => {
    const res = await inject({ kind: 'status', count: 1 } as FaultRuleInput);
    expect(res.status).toBe(400);
    expect(await res.json()).toMatchObject({ error: 'invalid_request', field: 'status' });
  });
});

describe('admin controls', () => {
  it('expires access tokens on demand', async () => {
    const client = await signIn(emulator, 'exp@example.com');
    const res = await fetch(`${emulator.url}/__emulator/accounts/exp@example.com/expire-access-tokens`, { method: 'POST' });
    expect(((await res.json()) as { expired: number }).expired).toBeGreaterThan(0);
    await expectGoogleError(calendarClientFor(emulator, client).events.list({ calendarId: 'primary' }), 401);
  });

  it('revokes an account\'s access as the user would on the "third-party access" page', async () => {
    const client = await signIn(emulator, 'rev@example.com');
    await fetch(`${emulator.url}/__emulator/accounts/rev@example.com/revoke-access`, { method: 'POST' });
    const err = await expectGoogleError(client.refreshAccessToken(), 400);
    expect(err.message).toBe('invalid_grant');
  });

  it('exposes call counters per operation and account', async () => {
    await fetch(`${emulator.url}/__emulator/counters`, { method: 'DELETE' });
    await cal.events.list({ calendarId: 'primary' });
    await cal.events.list({ calendarId: 'primary' });
    const counters = (await (await fetch(`${emulator.url}/__emulator/counters`)).json()) as {
      total: Record<string, number>;
      byAccount: Record<string, Record<string, number>>;
    };
    expect(counters.total['calendar.events.list']).toBe(2);
    expect(counters.byAccount['ann@example.com']?.['calendar.events.list']).toBe(2);
  });

  it('answers 404 naming the field for an unknown account', async () => {
    const res = await fetch(`${emulator.url}/__emulator/accounts/nobody@example.com/expire-access-tokens`, { method: 'POST' });
    expect(res.status).toBe(404);
    expect(await res.json()).toMatchObject({ field: 'email' });
  });
});

async function runLists(n: number): Promise<boolean[]> {
  const out: boolean[] = [];
  for (let i = 0; i < n; i++) out.push(await cal.events.list({ calendarId: 'primary' }).then(() => true, () => false));
  return out;
}
