import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { GoogleEmulator } from '../../../server/dev/google-emulator/app.ts';
import { bearer, EXTENSION_ID, pathOf, signInExtension, startCompanion, throughGoogle, type Companion } from '../../support/companion.ts';
import { startEmulator } from '../../support/google-emulator.ts';
import { databases } from './databases.ts';

describe.each(await databases())('security (%s)', (_name, database) => {
  let emulator: GoogleEmulator;
  let c: Companion;
  let ann: string;
  let bob: string;
  let bobsEventId: string;
  beforeAll(async () => {
    emulator = await startEmulator();
    c = await startCompanion(emulator, database);
    ann = await signInExtension(c, 'ann@example.com');
    bob = await signInExtension(c, 'bob@example.com');
    const created = await c.app.inject({
      method: 'POST',
      url: '/api/events',
      headers: { ...bearer(bob), 'idempotency-key': 'bobs-event-0001' },
      payload: { title: "Bob's private", start: '2027-01-05T10:00:00Z', end: '2027-01-05T11:00:00Z' },
    });
    bobsEventId = created.json().id;
  });
  afterAll(async () => {
    await c?.close();
    await emulator?.close();
  });

  describe("one user cannot reach another's data by guessing ids", () => {
    it.each([
      ['read by calendar id', 'GET', '/api/events?calendarId=bob%40example.com&from=2027-01-01T00:00:00Z&to=2027-02-01T00:00:00Z'],
      ['patch by event id', 'PATCH', '/api/events/BOB?calendarId=primary'],
      ['patch in his calendar', 'PATCH', '/api/events/BOB?calendarId=bob%40example.com'],
      ['delete in his calendar', 'DELETE', '/api/events/BOB?calendarId=bob%40example.com'],
    ] as const)('%s → 404', async (_what, method, url) => {
      const res = await c.app.inject({ method, url: url.replace('BOB', bobsEventId), headers: bearer(ann), ...(method === 'PATCH' ? { payload: { title: 'hacked' } } : {}) });
      expect(res.statusCode).toBe(404);
    });

    it("leaves bob's event as it was", async () => {
      const res = await c.app.inject({ url: '/api/events?from=2027-01-01T00:00:00Z&to=2027-02-01T00:00:00Z', headers: bearer(bob) });
      expect(res.json().items.map((e: { title: string }) => e.title)).toEqual(["Bob's private"]);
    });

    it("cannot revoke bob's token", async () => {
      const bobsTokenId = (await c.app.inject({ url: '/api/session', headers: bearer(bob) })).json().token.id as string;
      expect((await c.app.inject({ method: 'DELETE', url: `/auth/tokens/${bobsTokenId}`, headers: bearer(ann) })).statusCode).toBe(404);
      expect((await c.app.inject({ url: '/api/session', headers: bearer(bob) })).statusCode).toBe(200);
    });

    it('keys idempotency per user: the same key from two users makes two events', async () => {
      const body = { title: 'Same key', start: '2027-01-06T10:00:00Z', end: '2027-01-06T11:00:00Z' };
      const a = await c.app.inject({ method: 'POST', url: '/api/events', headers: { ...bearer(ann), 'idempotency-key': 'shared-key-0001' }, payload: body });
      const b = await c.app.inject({ method: 'POST', url: '/api/events', headers: { ...bearer(bob), 'idempotency-key': 'shared-key-0001' }, payload: body });
      expect(a.statusCode).toBe(201);
      expect(b.statusCode).toBe(201);
      expect(b.headers['idempotent-replayed']).toBeUndefined();
      expect(a.json().organizer).toBe('ann@example.com');
      expect(b.json().organizer).toBe('bob@example.com');
    });
  });

  describe('CORS', () => {
    const preflight = (origin: string) =>
      c.app.inject({ method: 'OPTIONS', url: '/api/session', headers: { origin, 'access-control-request-method': 'GET', 'access-control-request-headers': 'authorization' } });

    it('answers the allowed Chrome extension', async () => {
      const res = await preflight(`chrome-extension://${EXTENSION_ID}`);
      expect(res.headers['access-control-allow-origin']).toBe(`chrome-extension://${EXTENSION_ID}`);
      expect(res.headers['access-control-allow-credentials']).toBeUndefined();
    });

    it('answers a Firefox extension origin', async () => {
      const origin = 'moz-extension://2f9c5c1e-8a4b-4f7e-9d3a-0123456789ab';
      expect((await preflight(origin)).headers['access-control-allow-origin']).toBe(origin);
    });

    it.each(['https://evil.example', 'chrome-extension://ponmlkjihgfedcbaponmlkjihgfedcba', 'null'])('gives %s no CORS headers', async (origin) => {
      const res = await preflight(origin);
      expect(res.headers['access-control-allow-origin']).toBeUndefined();
      const get = await c.app.inject({ url: '/api/session', headers: { origin, ...bearer(ann) } });
      expect(get.headers['access-control-allow-origin']).toBeUndefined();
    });
  });

  describe('cookie sessions', () => {
    it('refuse a cookie-authenticated write without the CSRF header', async () => {
      const start = new URL((await c.app.inject({ url: '/auth/google' })).headers.location as string);
      start.searchParams.set('login_hint', 'ann@example.com');
      const callback = await c.app.inject({ url: pathOf(await throughGoogle(start.toString())) });
      const cookies = [callback.headers['set-cookie']].flat().join('\n');
      const session = /ca_session=([^;]+)/.exec(cookies)![1]!;
      const csrf = /ca_csrf=([^;]+)/.exec(cookies)![1]!;
      const without = await c.app.inject({ method: 'POST', url: '/auth/tokens', cookies: { ca_session: session, ca_csrf: csrf }, payload: {} });
      expect(without.statusCode).toBe(403);
      expect(without.json()).toMatchObject({ field: 'X-CSRF-Token' });
      const withHeader = await c.app.inject({ method: 'POST', url: '/auth/tokens', cookies: { ca_session: session, ca_csrf: csrf }, headers: { 'x-csrf-token': csrf }, payload: {} });
      expect(withHeader.statusCode).toBe(201);
    });
  });

  describe('bad input gets a 4xx JSON naming the field, never a 500', () => {
    const H = () => ({ ...bearer(ann), 'idempotency-key': `bad-${Math.random().toString(36).slice(2)}` });
    const cases: Array<[string, 'GET' | 'POST' | 'PATCH' | 'DELETE', string, unknown, string]> = [
      ['events without from', 'GET', '/api/events?to=2027-01-01T00:00:00Z', undefined, 'querystring.from'],
      ['events with a bad from', 'GET', '/api/events?from=tomorrow&to=2027-01-01T00:00:00Z', undefined, 'querystring.from'],
      ['events with to before from', 'GET', '/api/events?from=2027-02-01T00:00:00Z&to=2027-01-01T00:00:00Z', undefined, 'querystring.to'],
      ['events over a year', 'GET', '/api/events?from=2027-01-01T00:00:00Z&to=2029-01-01T00:00:00Z', undefined, 'querystring.to'],
      ['create without title', 'POST', '/api/events', { start: '2027-01-01T10:00:00Z', end: '2027-01-01T11:00:00Z' }, 'title'],
      ['create with blank title', 'POST', '/api/events', { title: '   ', start: '2027-01-01T10:00:00Z', end: '2027-01-01T11:00:00Z' }, 'title'],
      ['create without end', 'POST', '/api/events', { title: 'x', start: '2027-01-01T10:00:00Z' }, 'end'],
      ['create ending before it starts', 'POST', '/api/events', { title: 'x', start: '2027-01-01T10:00:00Z', end: '2027-01-01T09:00:00Z' }, 'end'],
      ['create with a local time (no offset)', 'POST', '/api/events', { title: 'x', start: '2027-01-01T10:00:00', end: '2027-01-01T11:00:00' }, 'start'],
      ['create all-day without dates', 'POST', '/api/events', { title: 'x', allDay: true }, 'startDate'],
      ['create all-day ending on its start', 'POST', '/api/events', { title: 'x', allDay: true, startDate: '2027-01-01', endDate: '2027-01-01' }, 'endDate'],
      ['create with a bad attendee', 'POST', '/api/events', { title: 'x', start: '2027-01-01T10:00:00Z', end: '2027-01-01T11:00:00Z', attendees: ['not-an-email'] }, 'attendees.0'],
      ['create with a bad rule', 'POST', '/api/events', { title: 'x', start: '2027-01-01T10:00:00Z', end: '2027-01-01T11:00:00Z', recurrence: ['every day'] }, 'recurrence.0'],
      ['create with a wrong type', 'POST', '/api/events', { title: 42, start: '2027-01-01T10:00:00Z', end: '2027-01-01T11:00:00Z' }, 'title'],
      ['create with an array body', 'POST', '/api/events', [1, 2], 'body'],
      ['patch with nothing to change', 'PATCH', '/api/events/abcdefgh12345', {}, 'body'],
      ['patch with only a start', 'PATCH', '/api/events/abcdefgh12345', { start: '2027-01-01T10:00:00Z' }, 'end'],
      ['patch a path-traversal id', 'PATCH', '/api/events/..%2F..%2Fetc', { title: 'x' }, 'params.id'],
      ['availability without window', 'GET', '/api/availability', undefined, 'querystring.from'],
      ['availability with bad hours', 'GET', '/api/availability?from=2027-01-01T00:00:00Z&to=2027-01-02T00:00:00Z&workStart=9am', undefined, 'querystring.workStart'],
      ['availability with a bad zone', 'GET', '/api/availability?from=2027-01-01T00:00:00Z&to=2027-01-02T00:00:00Z&tz=Mars%2FBase', undefined, 'querystring.tz'],
      ['availability with a silly duration', 'GET', '/api/availability?from=2027-01-01T00:00:00Z&to=2027-01-02T00:00:00Z&durationMinutes=-5', undefined, 'querystring.durationMinutes'],
      ['extension token without code', 'POST', '/auth/extension/token', {}, 'code'],
      ['revoke a token that is not a uuid', 'DELETE', '/auth/tokens/xyz', undefined, 'params.id'],
      ['start sign-in for an unknown client kind', 'GET', '/auth/google?client=robot', undefined, 'querystring.client'],
    ];
    it.each(cases)('%s', async (_name, method, url, payload, field) => {
      const res = await c.app.inject({ method, url, headers: H(), ...(payload !== undefined ? { payload: payload as object } : {}) });
      expect(res.statusCode, res.body).toBeGreaterThanOrEqual(400);
      expect(res.statusCode, res.body).toBeLessThan(500);
      expect(res.json()).toMatchObject({ error: 'invalid_request', field });
    });

    it('answers malformed JSON with 400', async () => {
      const res = await c.app.inject({ method: 'POST', url: '/api/events', headers: { ...H(), 'content-type': 'application/json' }, payload: '{"title":' });
      expect(res.statusCode).toBe(400);
      expect(res.json()).toMatchObject({ error: 'invalid_request' });
    });

    it('answers an oversized body with 413', async () => {
      const res = await c.app.inject({ method: 'POST', url: '/api/events', headers: { ...H(), 'content-type': 'application/json' }, payload: JSON.stringify({ title: 'x'.repeat(300_000) }) });
      expect(res.statusCode).toBe(413);
    });

    it.each(['', 'Bearer', 'Bearer cat_nope', 'Basic abc'])('answers 401 JSON to authorization "%s"', async (authorization) => {
      const res = await c.app.inject({ url: '/api/session', headers: authorization ? { authorization } : {} });
      expect(res.statusCode).toBe(401);
      expect(res.json()).toMatchObject({ error: 'unauthorized' });
    });

    it('answers an unknown route with 404 JSON', async () => {
      const res = await c.app.inject({ url: '/api/nothing-here' });
      expect(res.statusCode).toBe(404);
      expect(res.json()).toMatchObject({ error: 'not_found' });
    });
  });

  it('sends no HSTS or upgrade-insecure-requests over plain http (they would break the local pages)', async () => {
    for (const url of ['/', '/docs/']) {
      const res = await c.app.inject({ url });
      expect(String(res.headers['content-security-policy'])).not.toContain('upgrade-insecure-requests');
      expect(res.headers['strict-transport-security']).toBeUndefined();
    }
  });

  it('describes every API route in the OpenAPI document', async () => {
    const doc = (await c.app.inject({ url: '/docs/json' })).json() as { paths: Record<string, Record<string, { summary?: string }>> };
    for (const [path, method] of [
      ['/api/session', 'get'],
      ['/api/calendars', 'get'],
      ['/api/events', 'get'],
      ['/api/events', 'post'],
      ['/api/events/{id}', 'patch'],
      ['/api/events/{id}', 'delete'],
      ['/api/availability', 'get'],
      ['/auth/google', 'get'],
      ['/auth/google/calendar', 'get'],
      ['/auth/extension/token', 'post'],
      ['/auth/logout', 'post'],
      ['/auth/disconnect', 'post'],
    ]) {
      expect(doc.paths[path!]?.[method!]?.summary, `${method} ${path}`).toBeTruthy();
    }
    expect((await c.app.inject({ url: '/docs/' })).statusCode).toBe(200);
  });
});

describe('rate limits', () => {
  let emulator: GoogleEmulator;
  let c: Companion;
  beforeAll(async () => {
    emulator = await startEmulator();
    c = await startCompanion(emulator, { kind: 'sqlite' }, { RATE_LIMIT_PER_MINUTE: '5', AUTH_RATE_LIMIT_PER_MINUTE: '3' });
  });
  afterAll(async () => {
    await c?.close();
    await emulator?.close();
  });

  it('answers 429 JSON with Retry-After past the per-caller limit, and keeps callers apart', async () => {
    const statuses = [];
    for (let i = 0; i < 6; i++) statuses.push((await c.app.inject({ url: '/api/session', headers: bearer('cat_someone') })).statusCode);
    expect(statuses).toEqual([401, 401, 401, 401, 401, 429]);
    const limited = await c.app.inject({ url: '/api/session', headers: bearer('cat_someone') });
    expect(limited.json()).toMatchObject({ error: 'rate_limited' });
    expect(limited.headers['retry-after']).toBeTruthy();
    expect((await c.app.inject({ url: '/api/session', headers: bearer('cat_someone_else') })).statusCode).toBe(401);
  });

  it('is stricter on /auth', async () => {
    const statuses = [];
    for (let i = 0; i < 4; i++) statuses.push((await c.app.inject({ url: '/auth/google', remoteAddress: '10.9.8.7' })).statusCode);
    expect(statuses).toEqual([302, 302, 302, 429]);
  });
});
