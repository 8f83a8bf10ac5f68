import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { GoogleEmulator } from '../../../server/dev/google-emulator/app.ts';
import type { FaultRuleInput } from '../../../server/dev/google-emulator/faults.ts';
import { bearer, signInExtension, startCompanion, type Companion } from '../../support/companion.ts';
import { startEmulator } from '../../support/google-emulator.ts';
import { databases } from './databases.ts';

describe.each(await databases())('calendars, events and availability through the companion (%s)', (_name, database) => {
  let emulator: GoogleEmulator;
  let c: Companion;
  let token: string;
  const email = 'events@example.com';
  beforeAll(async () => {
    emulator = await startEmulator({ seed: { accounts: [{ email, timeZone: 'Europe/Berlin', calendars: [{ summary: 'Team' }] }] } });
    c = await startCompanion(emulator, database);
    token = await signInExtension(c, email);
  });
  afterAll(async () => {
    await c?.close();
    await emulator?.close();
  });
  beforeEach(() => emulator.ctx.faults.clear());

  const inject = (method: 'GET' | 'POST' | 'PATCH' | 'DELETE', url: string, payload?: object, headers: Record<string, string> = {}) =>
    c.app.inject({ method, url, ...(payload ? { payload } : {}), headers: { ...bearer(token), ...headers } });
  const fault = (rule: FaultRuleInput) => emulator.ctx.faults.add(rule);
  const googleEvents = () => [...emulator.ctx.store.eventsOf(email).values()].filter((e) => e.resource.status !== 'cancelled');
  const lunch = { title: 'Lunch with Anna', start: '2027-01-12T12:00:00+01:00', end: '2027-01-12T13:00:00+01:00', attendees: ['anna@example.com'] };

  it('lists calendars with the primary one flagged', async () => {
    const res = await inject('GET', '/api/calendars');
    expect(res.statusCode).toBe(200);
    const items = res.json().items as Array<{ id: string; primary: boolean; summary: string; accessRole: string }>;
    expect(items.find((i) => i.primary)).toMatchObject({ id: email, accessRole: 'owner' });
    expect(items.map((i) => i.summary)).toContain('Team');
  });

  it("remembered the primary calendar's zone as the user's", async () => {
    expect((await inject('GET', '/api/session')).json().user.timeZone).toBe('Europe/Berlin');
  });

  it('creates an event once however often the same request is retried', async () => {
    const key = 'create-lunch-0001';
    const first = await inject('POST', '/api/events', lunch, { 'idempotency-key': key });
    expect(first.statusCode).toBe(201);
    const retries = await Promise.all([1, 2, 3].map(() => inject('POST', '/api/events', lunch, { 'idempotency-key': key })));
    for (const r of retries) {
      expect(r.statusCode).toBe(201);
      expect(r.headers['idempotent-replayed']).toBe('true');
      expect(r.json()).toEqual(first.json());
    }
    expect(googleEvents().filter((e) => e.resource.summary === 'Lunch with Anna')).toHaveLength(1);
    expect(first.json()).toMatchObject({ title: 'Lunch with Anna', start: '2027-01-12T12:00:00+01:00', allDay: false, timeZone: 'Europe/Berlin', attendees: [{ email: 'anna@example.com', responseStatus: 'needsAction' }] });
  });

  it('requires an Idempotency-Key to create', async () => {
    const res = await inject('POST', '/api/events', lunch);
    expect(res.statusCode).toBe(400);
    expect(res.json()).toMatchObject({ error: 'invalid_request', field: 'Idempotency-Key' });
  });

  it('answers 422 when a key is reused for a different request', async () => {
    await inject('POST', '/api/events', lunch, { 'idempotency-key': 'reused-key-0001' });
    const res = await inject('POST', '/api/events', { ...lunch, title: 'Dinner' }, { 'idempotency-key': 'reused-key-0001' });
    expect(res.statusCode).toBe(422);
    expect(res.json()).toMatchObject({ error: 'idempotency_key_reused' });
  });

  it('answers 409 while the first request with a key is still running', async () => {
    fault({ kind: 'slow', delayMs: 400, count: 1, match: { operation: 'calendar.events.insert' } });
    const body = { ...lunch, title: 'Slow create' };
    const first = inject('POST', '/api/events', body, { 'idempotency-key': 'slow-key-00001' });
    await new Promise((r) => setTimeout(r, 100));
    const second = await inject('POST', '/api/events', body, { 'idempotency-key': 'slow-key-00001' });
    expect(second.statusCode).toBe(409);
    expect(second.json()).toMatchObject({ error: 'request_in_progress' });
    expect((await first).statusCode).toBe(201);
  });

  it('writes once when Google dropped the response to the first insert', async () => {
    fault({ kind: 'drop', count: 1, match: { operation: 'calendar.events.insert' } });
    const body = { ...lunch, title: 'Dropped once' };
    const res = await inject('POST', '/api/events', body, { 'idempotency-key': 'dropped-key-001' });
    expect(res.statusCode).toBe(201);
    expect(googleEvents().filter((e) => e.resource.summary === 'Dropped once')).toHaveLength(1);
  });

  it('retries 503s and 429s (honouring Retry-After) and then succeeds', async () => {
    fault({ status: 503, count: 2, match: { operation: 'calendar.events.insert' } });
    fault({ status: 429, retryAfterSec: 1, count: 1, match: { operation: 'calendar.events.insert' } });
    emulator.ctx.counters.reset();
    const started = Date.now();
    const res = await inject('POST', '/api/events', { ...lunch, title: 'Eventually' }, { 'idempotency-key': 'retry-key-00001' });
    expect(res.statusCode).toBe(201);
    expect(emulator.ctx.counters.get('calendar.events.insert', email)).toBe(4);
    expect(Date.now() - started).toBeGreaterThanOrEqual(900);
  });

  it('answers 503 upstream_unavailable when Google keeps failing, and the same key works later', async () => {
    fault({ status: 500, count: 4, match: { operation: 'calendar.events.insert' } });
    const body = { ...lunch, title: 'After the outage' };
    const res = await inject('POST', '/api/events', body, { 'idempotency-key': 'outage-key-0001' });
    expect(res.statusCode).toBe(503);
    expect(res.json()).toMatchObject({ error: 'upstream_unavailable' });
    const later = await inject('POST', '/api/events', body, { 'idempotency-key': 'outage-key-0001' });
    expect(later.statusCode).toBe(201);
    expect(googleEvents().filter((e) => e.resource.summary === 'After the outage')).toHaveLength(1);
  });

  it('retries 403 userRateLimitExceeded but not other 403s or 400s', async () => {
    fault({ status: 403, reason: 'userRateLimitExceeded', count: 1, match: { operation: 'calendar.events.list' } });
    expect((await inject('GET', '/api/events?from=2027-01-01T00:00:00Z&to=2027-02-01T00:00:00Z')).statusCode).toBe(200);
    emulator.ctx.counters.reset();
    fault({ status: 400, count: 1, match: { operation: 'calendar.events.list' } });
    const bad = await inject('GET', '/api/events?from=2027-01-01T00:00:00Z&to=2027-02-01T00:00:00Z');
    expect(bad.statusCode).toBe(400);
    expect(emulator.ctx.counters.get('calendar.events.list', email)).toBe(1);
  });

  it('stops calling Google for a while after 403 quotaExceeded, and says so', async () => {
    const other = await signInExtension(c, 'quota@example.com');
    fault({ status: 403, reason: 'quotaExceeded', count: 1, match: { account: 'quota@example.com' } });
    const first = await c.app.inject({ url: '/api/calendars', headers: bearer(other) });
    expect(first.statusCode).toBe(503);
    expect(first.json()).toMatchObject({ error: 'quota_exceeded', retryAfterSeconds: 3600 });
    expect(first.headers['retry-after']).toBe('3600');
    emulator.ctx.counters.reset();
    expect((await c.app.inject({ url: '/api/calendars', headers: bearer(other) })).statusCode).toBe(503);
    expect(emulator.ctx.counters.snapshot().byAccount['quota@example.com']).toBeUndefined();
  });

  it('lists events expanded, recurring instances included, all-day with dates', async () => {
    await inject('POST', '/api/events', { title: 'Standup', start: '2027-02-01T09:30:00+01:00', end: '2027-02-01T09:45:00+01:00', recurrence: ['RRULE:FREQ=DAILY;COUNT=5'] }, { 'idempotency-key': 'standup-key-001' });
    await inject('POST', '/api/events', { title: 'Offsite', allDay: true, startDate: '2027-02-04', endDate: '2027-02-06' }, { 'idempotency-key': 'offsite-key-001' });
    const res = await inject('GET', '/api/events?from=2027-02-01T00:00:00%2B01:00&to=2027-02-08T00:00:00%2B01:00');
    expect(res.statusCode).toBe(200);
    const items = res.json().items as Array<{ title: string; start: string; allDay: boolean; startDate?: string; endDate?: string; recurringEventId?: string }>;
    const standups = items.filter((i) => i.title === 'Standup');
    expect(standups.map((s) => s.start)).toEqual(['01', '02', '03', '04', '05'].map((d) => `2027-02-${d}T09:30:00+01:00`));
    expect(standups.every((s) => s.recurringEventId)).toBe(true);
    expect(items.find((i) => i.title === 'Offsite')).toMatchObject({ allDay: true, startDate: '2027-02-04', endDate: '2027-02-06', start: '2027-02-04T00:00:00+01:00' });
  });

  it('patches an event, and turns a stale If-Match into 409 with the current event', async () => {
    const created = (await inject('POST', '/api/events', { ...lunch, title: 'To move' }, { 'idempotency-key': 'move-key-00001' })).json();
    const moved = await inject('PATCH', `/api/events/${created.id}`, { start: '2027-01-12T14:00:00+01:00', end: '2027-01-12T15:00:00+01:00' }, { 'if-match': created.etag });
    expect(moved.statusCode).toBe(200);
    expect(moved.json()).toMatchObject({ start: '2027-01-12T14:00:00+01:00', title: 'To move' });
    const stale = await inject('PATCH', `/api/events/${created.id}`, { title: 'Renamed' }, { 'if-match': created.etag });
    expect(stale.statusCode).toBe(409);
    expect(stale.json()).toMatchObject({ error: 'conflict', current: { id: created.id, summary: 'To move' } });
  });

  it('changes one instance or the whole series', async () => {
    await inject('POST', '/api/events', { title: 'Weekly', start: '2027-03-01T10:00:00+01:00', end: '2027-03-01T11:00:00+01:00', recurrence: ['RRULE:FREQ=WEEKLY;COUNT=3'] }, { 'idempotency-key': 'weekly-key-0001' });
    const list = async () => (await inject('GET', '/api/events?from=2027-03-01T00:00:00Z&to=2027-03-31T00:00:00Z&q=Weekly')).json().items as Array<{ id: string; title: string }>;
    const [first, second] = await list();
    await inject('PATCH', `/api/events/${second!.id}`, { title: 'Weekly (just this one)' });
    expect((await list()).map((e) => e.title)).toEqual(['Weekly', 'Weekly (just this one)', 'Weekly']);
    await inject('PATCH', `/api/events/${first!.id}`, { title: 'Weekly renamed', scope: 'series' });
    expect((await list()).map((e) => e.title)).toEqual(['Weekly renamed', 'Weekly (just this one)', 'Weekly renamed']);
  });

  it('deletes an event, and deleting it again still succeeds', async () => {
    const created = (await inject('POST', '/api/events', { ...lunch, title: 'Cancel me' }, { 'idempotency-key': 'cancel-key-0001' })).json();
    expect((await inject('DELETE', `/api/events/${created.id}`)).statusCode).toBe(204);
    expect((await inject('DELETE', `/api/events/${created.id}`)).statusCode).toBe(204);
    expect(googleEvents().find((e) => e.resource.id === created.id)).toBeUndefined();
  });

  it('answers 404 for an event that does not exist', async () => {
    const res = await inject('PATCH', '/api/events/doesnotexist0001', { title: 'x' });
    expect(res.statusCode).toBe(404);
    expect(res.json()).toMatchObject({ error: 'not_found' });
  });

  it('finds free slots across calendars within working hours in the user zone', async () => {
    const team = ((await inject('GET', '/api/calendars')).json().items as Array<{ id: string; summary: string }>).find((i) => i.summary === 'Team')!;
    await inject('POST', '/api/events', { title: 'Busy A', start: '2027-04-06T09:00:00+02:00', end: '2027-04-06T12:00:00+02:00' }, { 'idempotency-key': 'busy-a-key-0001' });
    await inject('POST', '/api/events', { calendarId: team.id, title: 'Busy B', start: '2027-04-06T11:30:00+02:00', end: '2027-04-06T14:00:00+02:00' }, { 'idempotency-key': 'busy-b-key-0001' });
    const res = await inject('GET', `/api/availability?from=2027-04-06T00:00:00%2B02:00&to=2027-04-07T00:00:00%2B02:00&durationMinutes=60&calendarIds=primary,${encodeURIComponent(team.id)}`);
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body.timeZone).toBe('Europe/Berlin');
    expect(body.free).toEqual([{ start: '2027-04-06T14:00:00+02:00', end: '2027-04-06T17:00:00+02:00' }]);
    expect(body.busy).toEqual([{ start: '2027-04-06T09:00:00+02:00', end: '2027-04-06T14:00:00+02:00' }]);
    expect(body.suggestions[0]).toEqual({ start: '2027-04-06T14:00:00+02:00', end: '2027-04-06T15:00:00+02:00' });
  });
});
