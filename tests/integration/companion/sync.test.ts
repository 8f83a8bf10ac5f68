import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { GoogleEmulator } from '../../../server/dev/google-emulator/app.ts';
import { bearer, signInExtension, startCompanion, type Companion } from '../../support/companion.ts';
import { startEmulator } from '../../support/google-emulator.ts';
import { databases } from './databases.ts';

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
  const changes = async (since: number) => (await c.app.inject({ url: `/api/events/changes?since=${since}`, headers: bearer(token) })).json() as { cursor: number; items: Array<{ deleted: boolean; event: { id: string; title?: string } }> };

  it('syncs in full the first time, then serves /api/events from the copy without asking Google', async () => {
    const summary = await c.app.jobs.run('sync-calendars');
    expect(summary.changed).toBe(6); // one event and five standups
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
    const summary = await c.app.jobs.run('sync-calendars');
    expect(summary.changed).toBe(2);
    const delta = await changes(cursor);
    expect(delta.items.map((i) => [i.event.id, i.deleted])).toEqual([
      ['snc00000001', false],
      ['snc00000002_20270106T083000Z', true],
    ]);
    // Standups on the 4th, 5th, 7th and 8th (the 6th was cancelled); planning moved to the 5th at 14:00.
    expect((await events()).items.map((e) => e.title)).toEqual(['Standup', 'Standup', 'Planning (moved)', 'Standup', 'Standup']);
    expect((await changes(delta.cursor)).items).toEqual([]);
  });

  it('starts over with a full sync when Google says the sync token expired (410)', async () => {
    await fetch(`${emulator.url}/__emulator/accounts/${email}/expire-sync-tokens`, { method: 'POST' });
    emulator.ctx.calendars.insert(account(), 'primary', { id: 'snc00000003', summary: 'Review', start: { dateTime: '2027-01-07T16:00:00+01:00' }, end: { dateTime: '2027-01-07T17:00:00+01:00' } });
    await c.app.jobs.run('sync-calendars');
    expect((await events()).items.map((e) => e.title)).toContain('Review');
    expect((await events()).items).toHaveLength(6);
  });

  it('catches up at once with a write made through the companion', async () => {
    await c.app.inject({ method: 'POST', url: '/api/events', headers: { ...bearer(token), 'idempotency-key': 'sync-write-00001' }, payload: { title: 'Lunch', start: '2027-01-08T12:00:00+01:00', end: '2027-01-08T13:00:00+01:00' } });
    await expect.poll(async () => (await events()).items.map((e) => e.title)).toContain('Lunch');
  });
});
