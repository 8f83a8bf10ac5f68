import { createServer } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { GoogleEmulator } from '../../../server/dev/google-emulator/app.ts';
import type { InProcessRunner } from '../../../server/jobs/in-process-runner.ts';
import { bearer, signInExtension, startCompanion, type Companion } from '../../support/companion.ts';
import { startEmulator } from '../../support/google-emulator.ts';
import { databases } from './databases.ts';
import { applyEventChanges } from '../../../server/db/repositories/synced-events.ts';
import type { CalendarEvent } from '../../../shared/schemas/calendar-event.ts';

/** A sweep queues one task per calendar; the in-process runner has run them all when it is idle. */
async function syncNow(c: Companion): Promise<Record<string, number>> {
  const summary = await c.app.jobs.run('sync-calendars');
  await (c.app.jobs as InProcessRunner).idle();
  return summary;
}

describe.each(await databases())('incremental sync and the delta feed (%s)', (_name, database) => {
  let emulator: GoogleEmulator;
  let c: Companion;
  let token: string;
  const email = 'sync@example.com';
  const week = 'from=2027-01-04T00:00:00Z&to=2027-01-11T00:00:00Z';
  beforeAll(async () => {
    emulator = await startEmulator({
      seed: {
        accounts: [
          {
            email,
            timeZone: 'Europe/Berlin',
            events: [
              { id: 'snc00000001', summary: 'Planning', start: { dateTime: '2027-01-05T10:00:00+01:00' }, end: { dateTime: '2027-01-05T11:00:00+01:00' } },
              { id: 'snc00000002', summary: 'Standup', start: { dateTime: '2027-01-04T09:30:00', timeZone: 'Europe/Berlin' }, end: { dateTime: '2027-01-04T09:45:00', timeZone: 'Europe/Berlin' }, recurrence: ['RRULE:FREQ=DAILY;COUNT=5'] },
            ],
          },
        ],
      },
    });
    c = await startCompanion(emulator, database);
    token = await signInExtension(c, email);
  });
  afterAll(async () => {
    await c?.close();
    await emulator?.close();
  });
  const account = () => emulator.ctx.store.accountByEmail(email)!;
  const events = async () => (await c.app.inject({ url: `/api/events?${week}`, headers: bearer(token) })).json() as { source?: string; items: Array<{ id: string; title: string; start: string }> };
  const changes = async (since: number) => (await c.app.inject({ url: `/api/events/changes?since=${since}`, headers: bearer(token) })).json() as { cursor: number; synced: boolean; items: Array<{ deleted: boolean; event: { id: string; title?: string } }> };

  it('says the feed has no copy yet before the first sync, and /api/events gives no cursor', async () => {
    expect(await changes(0)).toEqual({ items: [], cursor: 0, more: false, synced: false });
    expect(await events()).not.toHaveProperty('cursor');
  });

  it('syncs in full the first time, then serves /api/events from the copy without asking Google', async () => {
    expect((await syncNow(c)).queued).toBe(1); // the primary calendar
    expect((await changes(0)).items).toHaveLength(6); // one event and five standups
    emulator.ctx.counters.reset();
    const res = await events();
    expect(res.source).toBe('cache');
    expect(res.items.map((e) => e.title)).toEqual(['Standup', 'Standup', 'Planning', 'Standup', 'Standup', 'Standup']);
    expect(emulator.ctx.counters.get('calendar.events.list', email)).toBe(0);
  });

  it('brings in a change made in Google directly, and the delta feed reports it', async () => {
    const { cursor } = await changes(0);
    emulator.ctx.calendars.patch(account(), 'primary', 'snc00000001', { summary: 'Planning (moved)', start: { dateTime: '2027-01-05T14:00:00+01:00' }, end: { dateTime: '2027-01-05T15:00:00+01:00' } });
    emulator.ctx.calendars.delete(account(), 'primary', 'snc00000002_20270106T083000Z');
    await syncNow(c);
    const delta = await changes(cursor);
    expect(delta.items.map((i) => [i.event.id, i.deleted])).toEqual([
      ['snc00000001', false],
      ['snc00000002_20270106T083000Z', true],
    ]);
    // Standups on the 4th, 5th, 7th and 8th (the 6th was cancelled); planning moved to the 5th at 14:00.
    expect((await events()).items.map((e) => e.title)).toEqual(['Standup', 'Standup', 'Planning (moved)', 'Standup', 'Standup']);
    expect((await changes(delta.cursor)).items).toEqual([]);
  });

  it('gives /api/events the cursor to continue the feed from, so a change made right after the read is not missed', async () => {
    const first = (await c.app.inject({ url: `/api/events?${week}`, headers: bearer(token) })).json() as { cursor: number; items: unknown[] };
    expect(first.cursor).toBe((await changes(0)).cursor);
    emulator.ctx.calendars.insert(account(), 'primary', { id: 'snc00000004', summary: 'Retro', start: { dateTime: '2027-01-12T15:00:00+01:00' }, end: { dateTime: '2027-01-12T16:00:00+01:00' } });
    await syncNow(c);
    const delta = await changes(first.cursor);
    expect(delta).toMatchObject({ synced: true, more: false, items: [{ deleted: false, event: { id: 'snc00000004', title: 'Retro' } }] });
  });

  it('pages the feed: more is true while changes are left, and the cursor continues where the page ended', async () => {
    const page = async (since: number) => (await c.app.inject({ url: `/api/events/changes?since=${since}&limit=2`, headers: bearer(token) })).json() as { cursor: number; more: boolean; items: unknown[] };
    const pages = [await page(0)];
    while (pages.at(-1)!.more) pages.push(await page(pages.at(-1)!.cursor));
    expect(pages.slice(0, -1).every((p) => p.items.length === 2)).toBe(true);
    expect(pages.flatMap((p) => p.items)).toHaveLength((await changes(0)).items.length);
    expect(pages.at(-1)!.cursor).toBe((await changes(0)).cursor);
  });

  it('numbers changes from batches applied at the same moment without repeats, so the feed passes none by', async () => {
    const userId = (await c.app.inject({ url: '/api/session', headers: bearer(token) })).json().user.id as string;
    const { cursor } = await changes(0);
    const event = (id: string) => ({ id, calendarId: 'other', status: 'confirmed', title: id, start: '2027-02-01T10:00:00Z', end: '2027-02-01T11:00:00Z', allDay: false, attendees: [], transparency: 'opaque', etag: '"1"', updated: '2027-01-01T00:00:00Z' }) as CalendarEvent;
    await Promise.all(Array.from({ length: 6 }, (_, i) => applyEventChanges(c.app.db, userId, 'other', [{ id: `race${i}a`, event: event(`race${i}a`) }, { id: `race${i}b`, event: event(`race${i}b`) }])));
    const delta = await changes(cursor);
    expect(delta.items).toHaveLength(12);
    expect(delta.cursor).toBe(cursor + 12);
  });

  it('starts over with a full sync when Google says the sync token expired (410)', async () => {
    await fetch(`${emulator.url}/__emulator/accounts/${email}/expire-sync-tokens`, { method: 'POST' });
    emulator.ctx.calendars.insert(account(), 'primary', { id: 'snc00000003', summary: 'Review', start: { dateTime: '2027-01-07T16:00:00+01:00' }, end: { dateTime: '2027-01-07T17:00:00+01:00' } });
    await syncNow(c);
    expect((await events()).items.map((e) => e.title)).toContain('Review');
    expect((await events()).items).toHaveLength(6);
  });

  it('catches up at once with a write made through the companion', async () => {
    await c.app.inject({ method: 'POST', url: '/api/events', headers: { ...bearer(token), 'idempotency-key': 'sync-write-00001' }, payload: { title: 'Lunch', start: '2027-01-08T12:00:00+01:00', end: '2027-01-08T13:00:00+01:00' } });
    await expect.poll(async () => (await events()).items.map((e) => e.title)).toContain('Lunch');
  });
});

describe('push notifications from Google (events.watch)', () => {
  let emulator: GoogleEmulator;
  let c: Companion;
  let token: string;
  const email = 'push@example.com';
  beforeAll(async () => {
    emulator = await startEmulator({ seed: { accounts: [{ email, timeZone: 'UTC', events: [{ id: 'push0000001', summary: 'First', start: { dateTime: '2027-01-05T10:00:00Z' }, end: { dateTime: '2027-01-05T11:00:00Z' } }] }] } });
    const port = await new Promise<number>((resolve) => {
      const s = createServer().listen(0, '127.0.0.1', () => {
        const p = (s.address() as { port: number }).port;
        s.close(() => resolve(p));
      });
    });
    c = await startCompanion(emulator, { kind: 'sqlite' }, { PUBLIC_URL: `http://127.0.0.1:${port}`, WATCH_CHANNELS: 'on' });
    await c.app.listen({ port, host: '127.0.0.1' });
    token = await signInExtension(c, email);
  });
  afterAll(async () => {
    await c?.close();
    await emulator?.close();
  });

  it('opens a channel on sync, and a change made in Google reaches the copy through the notification', async () => {
    await syncNow(c);
    const channels = await c.app.db.selectFrom('watch_channels').selectAll().execute();
    expect(channels).toHaveLength(1);
    emulator.ctx.calendars.insert(emulator.ctx.store.accountByEmail(email)!, 'primary', { summary: 'Pushed', start: { dateTime: '2027-01-06T10:00:00Z' }, end: { dateTime: '2027-01-06T11:00:00Z' } });
    await expect
      .poll(async () => ((await c.app.inject({ url: '/api/events?from=2027-01-04T00:00:00Z&to=2027-01-11T00:00:00Z', headers: bearer(token) })).json() as { items: Array<{ title: string }> }).items.map((e) => e.title), { timeout: 5000 })
      .toEqual(['First', 'Pushed']);
  });

  it('refuses a notification with a wrong or missing channel token', async () => {
    const [channel] = await c.app.db.selectFrom('watch_channels').selectAll().execute();
    for (const headers of [{ 'x-goog-channel-id': channel!.id, 'x-goog-channel-token': 'forged' }, { 'x-goog-channel-id': channel!.id }, {}]) {
      const res = await c.app.inject({ method: 'POST', url: '/webhooks/google/calendar', headers: { ...headers, 'x-goog-resource-state': 'exists' } });
      expect(res.statusCode).toBe(401);
    }
  });

  it('does not open a second channel while the first has more than a day left', async () => {
    await syncNow(c);
    expect(await c.app.db.selectFrom('watch_channels').selectAll().execute()).toHaveLength(1);
  });
});
