import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { calendar_v3 } from '@googleapis/calendar';
import { expectGoogleError } from '../support/google-errors.ts';
import { emulatorTarget, googleTarget, realGoogleConfigured, REAL_GOOGLE_ENV, type ConformanceTarget } from './target.ts';

/**
 * One suite, two targets: every assertion here holds for real Google and for
 * the emulator. Behaviour only the emulator can be driven into (expired sync
 * tokens on demand, injected faults, a second account) lives in tests/integration/emulator.
 */
const targets: Array<[string, () => Promise<ConformanceTarget>, boolean]> = [
  ['emulator', emulatorTarget, true],
  ['real Google', googleTarget, realGoogleConfigured()],
];

if (!realGoogleConfigured()) {
  console.warn(
    `\n*** SKIPPED: Calendar conformance against real Google. Set ${REAL_GOOGLE_ENV.join(', ')} (a test account) to run it. ***\n`,
  );
}

const NY = 'America/New_York';
const at = (iso: string) => Date.parse(iso);
const startMs = (e: calendar_v3.Schema$Event) => Date.parse(e.start?.dateTime ?? `${e.start?.date}T00:00:00Z`);

describe.each(targets)('Calendar API v3 conformance: %s', (_name, makeTarget, enabled) => {
  let t: ConformanceTarget;
  beforeAll(async () => {
    if (enabled) t = await makeTarget();
  });
  afterAll(async () => {
    if (enabled) await t?.close();
  });

  const insert = async (body: calendar_v3.Schema$Event) => {
    const id = body.id ?? t.eventId();
    const res = await t.cal.events.insert({ calendarId: t.calendarId, requestBody: { ...body, id } });
    t.track(id);
    return res.data;
  };

  describe.skipIf(!enabled)('events', () => {
    it('inserts an event under a client-supplied id and reads it back', async () => {
      const id = t.eventId();
      const created = await insert({
        id,
        summary: 'Conformance: insert',
        start: { dateTime: '2026-12-01T10:00:00+01:00' },
        end: { dateTime: '2026-12-01T11:00:00+01:00' },
        attendees: [{ email: 'anna@example.com' }],
      });
      expect(created.id).toBe(id);
      expect(created.status).toBe('confirmed');
      expect(created.etag).toMatch(/^".+"$/);
      expect(created.iCalUID).toBe(`${id}@google.com`);
      const got = await t.cal.events.get({ calendarId: t.calendarId, eventId: id });
      expect(got.data.summary).toBe('Conformance: insert');
      expect(startMs(got.data)).toBe(at('2026-12-01T09:00:00Z'));
      expect(got.data.attendees?.[0]?.email).toBe('anna@example.com');
      expect(got.data.attendees?.[0]?.responseStatus).toBe('needsAction');
    });

    it('answers 409 duplicate when the same id is inserted twice (what makes retried creates idempotent)', async () => {
      const id = t.eventId();
      const body = { id, summary: 'Once', start: { dateTime: '2026-12-02T10:00:00Z' }, end: { dateTime: '2026-12-02T10:30:00Z' } };
      await insert(body);
      await expectGoogleError(t.cal.events.insert({ calendarId: t.calendarId, requestBody: body }), 409, 'duplicate');
    });

    it('rejects an id outside base32hex with 400', async () => {
      await expectGoogleError(
        t.cal.events.insert({
          calendarId: t.calendarId,
          requestBody: { id: 'Not_Valid!', start: { dateTime: '2026-12-02T10:00:00Z' }, end: { dateTime: '2026-12-02T11:00:00Z' } },
        }),
        400,
      );
    });

    it('rejects an event whose end is before its start', async () => {
      await expectGoogleError(
        t.cal.events.insert({
          calendarId: t.calendarId,
          requestBody: { id: t.eventId(), start: { dateTime: '2026-12-02T10:00:00Z' }, end: { dateTime: '2026-12-02T09:00:00Z' } },
        }),
        400,
        'timeRangeEmpty',
      );
    });

    it('stores an all-day event with an exclusive end date', async () => {
      const created = await insert({ summary: 'Conformance: all day', start: { date: '2026-12-08' }, end: { date: '2026-12-11' } });
      expect(created.start).toEqual({ date: '2026-12-08' });
      expect(created.end).toEqual({ date: '2026-12-11' });
      const listed = await t.cal.events.list({
        calendarId: t.calendarId,
        timeMin: '2026-12-10T12:00:00Z',
        timeMax: '2026-12-10T13:00:00Z',
        singleEvents: true,
        q: 'Conformance: all day',
      });
      expect(listed.data.items?.map((e) => e.id)).toContain(created.id);
    });

    it('patches with If-Match: the current etag succeeds, a stale one is 412', async () => {
      const created = await insert({ summary: 'Etag', start: { dateTime: '2026-12-03T10:00:00Z' }, end: { dateTime: '2026-12-03T11:00:00Z' } });
      const patched = await t.cal.events.patch(
        { calendarId: t.calendarId, eventId: created.id!, requestBody: { summary: 'Etag v2' } },
        { headers: { 'If-Match': created.etag! } },
      );
      expect(patched.data.summary).toBe('Etag v2');
      expect(patched.data.etag).not.toBe(created.etag);
      await expectGoogleError(
        t.cal.events.patch(
          { calendarId: t.calendarId, eventId: created.id!, requestBody: { summary: 'Etag v3' } },
          { headers: { 'If-Match': created.etag! } },
        ),
        412,
        'conditionNotMet',
      );
    });

    it('deletes an event: get then shows it cancelled, a second delete is 410', async () => {
      const created = await insert({ summary: 'Delete me', start: { dateTime: '2026-12-04T10:00:00Z' }, end: { dateTime: '2026-12-04T11:00:00Z' } });
      await t.cal.events.delete({ calendarId: t.calendarId, eventId: created.id! });
      const got = await t.cal.events.get({ calendarId: t.calendarId, eventId: created.id! });
      expect(got.data.status).toBe('cancelled');
      await expectGoogleError(t.cal.events.delete({ calendarId: t.calendarId, eventId: created.id! }), 410, 'deleted');
    });

    it('answers 404 for an event that does not exist', async () => {
      await expectGoogleError(t.cal.events.get({ calendarId: t.calendarId, eventId: t.eventId() }), 404, 'notFound');
    });
  });

  describe.skipIf(!enabled)('listing and sync', () => {
    it('pages with maxResults and gives nextSyncToken only on the last page', async () => {
      const tag = `paging${t.eventId()}`;
      for (let i = 0; i < 5; i++) {
        await insert({ summary: `${tag} ${i}`, start: { dateTime: `2027-01-0${i + 1}T10:00:00Z` }, end: { dateTime: `2027-01-0${i + 1}T11:00:00Z` } });
      }
      const seen: string[] = [];
      let pageToken: string | undefined;
      let pages = 0;
      do {
        const res = await t.cal.events.list({ calendarId: t.calendarId, q: tag, maxResults: 2, singleEvents: true, orderBy: 'startTime', ...(pageToken ? { pageToken } : {}) });
        pages++;
        seen.push(...(res.data.items ?? []).map((e) => e.summary!));
        pageToken = res.data.nextPageToken ?? undefined;
        if (pageToken) expect(res.data.nextSyncToken).toBeFalsy();
      } while (pageToken);
      expect(pages).toBe(3);
      expect(seen).toEqual([0, 1, 2, 3, 4].map((i) => `${tag} ${i}`));
    });

    it('delivers inserts, patches and deletions since a sync token, deletions as status "cancelled"', async () => {
      const a = await insert({ summary: 'Sync A', start: { dateTime: '2027-02-01T10:00:00Z' }, end: { dateTime: '2027-02-01T11:00:00Z' } });
      const b = await insert({ summary: 'Sync B', start: { dateTime: '2027-02-02T10:00:00Z' }, end: { dateTime: '2027-02-02T11:00:00Z' } });
      const token = await fullSync(t);
      const c = await insert({ summary: 'Sync C', start: { dateTime: '2027-02-03T10:00:00Z' }, end: { dateTime: '2027-02-03T11:00:00Z' } });
      await t.cal.events.patch({ calendarId: t.calendarId, eventId: a.id!, requestBody: { summary: 'Sync A moved', start: { dateTime: '2027-02-01T12:00:00Z' }, end: { dateTime: '2027-02-01T13:00:00Z' } } });
      await t.cal.events.delete({ calendarId: t.calendarId, eventId: b.id! });
      const delta = await t.cal.events.list({ calendarId: t.calendarId, syncToken: token });
      const byId = new Map((delta.data.items ?? []).map((e) => [e.id, e]));
      expect(byId.get(c.id)?.summary).toBe('Sync C');
      expect(byId.get(a.id)?.summary).toBe('Sync A moved');
      expect(byId.get(b.id)?.status).toBe('cancelled');
      expect(delta.data.nextSyncToken).toBeTruthy();
      const quiet = await t.cal.events.list({ calendarId: t.calendarId, syncToken: delta.data.nextSyncToken! });
      expect(quiet.data.items ?? []).toEqual([]);
    });

    it('refuses a sync token combined with timeMin (400)', async () => {
      const token = await fullSync(t);
      await expectGoogleError(t.cal.events.list({ calendarId: t.calendarId, syncToken: token, timeMin: '2027-01-01T00:00:00Z' }), 400);
    });

    it('refuses orderBy=startTime without singleEvents (400)', async () => {
      await expectGoogleError(t.cal.events.list({ calendarId: t.calendarId, orderBy: 'startTime' }), 400);
    });
  });

  describe.skipIf(!enabled)('recurring events', () => {
    it('expands a weekly series with singleEvents, keeping 09:00 local across the DST change', async () => {
      const series = await insert({
        summary: 'Weekly across DST',
        start: { dateTime: '2026-10-19T09:00:00', timeZone: NY },
        end: { dateTime: '2026-10-19T09:30:00', timeZone: NY },
        recurrence: ['RRULE:FREQ=WEEKLY;BYDAY=MO;COUNT=4'],
      });
      const res = await t.cal.events.list({
        calendarId: t.calendarId,
        singleEvents: true,
        orderBy: 'startTime',
        timeMin: '2026-10-01T00:00:00Z',
        timeMax: '2026-12-01T00:00:00Z',
        q: 'Weekly across DST',
      });
      const instances = (res.data.items ?? []).filter((e) => e.recurringEventId === series.id);
      // US DST ends 2026-11-01: 09:00 EDT is 13:00Z before, 09:00 EST is 14:00Z after.
      expect(instances.map(startMs)).toEqual(
        ['2026-10-19T13:00:00Z', '2026-10-26T13:00:00Z', '2026-11-02T14:00:00Z', '2026-11-09T14:00:00Z'].map(at),
      );
      expect(instances.map((e) => e.id)).toEqual(
        ['20261019T130000Z', '20261026T130000Z', '20261102T140000Z', '20261109T140000Z'].map((s) => `${series.id}_${s}`),
      );
      expect(instances.every((e) => Date.parse(e.originalStartTime!.dateTime!) === startMs(e))).toBe(true);
      const viaInstances = await t.cal.events.instances({ calendarId: t.calendarId, eventId: series.id! });
      expect(viaInstances.data.items?.map((e) => e.id)).toEqual(instances.map((e) => e.id));
    });

    it('keeps a moved instance as an exception and drops a cancelled one from the expansion', async () => {
      const series = await insert({
        summary: 'Exception series',
        start: { dateTime: '2027-03-01T15:00:00', timeZone: 'Europe/Berlin' },
        end: { dateTime: '2027-03-01T16:00:00', timeZone: 'Europe/Berlin' },
        recurrence: ['RRULE:FREQ=DAILY;COUNT=5'],
      });
      const second = `${series.id}_20270302T140000Z`;
      const third = `${series.id}_20270303T140000Z`;
      const moved = await t.cal.events.patch({
        calendarId: t.calendarId,
        eventId: second,
        requestBody: { summary: 'Exception series (moved)', start: { dateTime: '2027-03-02T17:00:00+01:00' }, end: { dateTime: '2027-03-02T18:00:00+01:00' } },
      });
      expect(moved.data.id).toBe(second);
      expect(moved.data.recurringEventId).toBe(series.id);
      expect(Date.parse(moved.data.originalStartTime!.dateTime!)).toBe(at('2027-03-02T14:00:00Z'));
      await t.cal.events.delete({ calendarId: t.calendarId, eventId: third });
      const expanded = await t.cal.events.list({
        calendarId: t.calendarId,
        singleEvents: true,
        orderBy: 'startTime',
        timeMin: '2027-03-01T00:00:00Z',
        timeMax: '2027-03-10T00:00:00Z',
      });
      const mine = (expanded.data.items ?? []).filter((e) => e.recurringEventId === series.id);
      expect(mine.map((e) => e.id)).toEqual([`${series.id}_20270301T140000Z`, second, `${series.id}_20270304T140000Z`, `${series.id}_20270305T140000Z`]);
      expect(startMs(mine[1]!)).toBe(at('2027-03-02T16:00:00Z'));
      expect(mine[1]!.summary).toBe('Exception series (moved)');
      const raw = await t.cal.events.list({ calendarId: t.calendarId, timeMin: '2027-03-01T00:00:00Z', timeMax: '2027-03-10T00:00:00Z' });
      const cancelled = (raw.data.items ?? []).find((e) => e.id === third);
      expect(cancelled?.status).toBe('cancelled');
      expect(cancelled?.recurringEventId).toBe(series.id);
    });

    it('splits a series for "this and following": UNTIL on the old one, a new series from the split', async () => {
      const zone = 'Europe/Berlin';
      const series = await insert({
        summary: 'Split me',
        start: { dateTime: '2027-04-05T10:00:00', timeZone: zone },
        end: { dateTime: '2027-04-05T10:30:00', timeZone: zone },
        recurrence: ['RRULE:FREQ=WEEKLY;COUNT=6'],
      });
      // An exception after the split point is dropped with the occurrences it belonged to.
      await t.cal.events.patch({ calendarId: t.calendarId, eventId: `${series.id}_20270503T080000Z`, requestBody: { summary: 'Split me (edited)' } });
      await t.cal.events.patch({
        calendarId: t.calendarId,
        eventId: series.id!,
        requestBody: { recurrence: ['RRULE:FREQ=WEEKLY;UNTIL=20270418T215959Z'] },
      });
      const tail = await insert({
        summary: 'Split me (new time)',
        start: { dateTime: '2027-04-19T11:00:00', timeZone: zone },
        end: { dateTime: '2027-04-19T11:30:00', timeZone: zone },
        recurrence: ['RRULE:FREQ=WEEKLY;COUNT=4'],
      });
      const res = await t.cal.events.list({
        calendarId: t.calendarId,
        singleEvents: true,
        orderBy: 'startTime',
        timeMin: '2027-04-01T00:00:00Z',
        timeMax: '2027-06-01T00:00:00Z',
        q: 'Split me',
      });
      const items = (res.data.items ?? []).filter((e) => e.recurringEventId === series.id || e.recurringEventId === tail.id);
      expect(items.map((e) => [e.recurringEventId === series.id ? 'old' : 'new', startMs(e)])).toEqual([
        ['old', at('2027-04-05T08:00:00Z')],
        ['old', at('2027-04-12T08:00:00Z')],
        ['new', at('2027-04-19T09:00:00Z')],
        ['new', at('2027-04-26T09:00:00Z')],
        ['new', at('2027-05-03T09:00:00Z')],
        ['new', at('2027-05-10T09:00:00Z')],
      ]);
    });
  });

  describe.skipIf(!enabled)('free/busy and auth', () => {
    it('merges overlapping busy events and leaves out free (transparent) ones', async () => {
      await insert({ summary: 'FB 1', start: { dateTime: '2027-05-20T09:00:00Z' }, end: { dateTime: '2027-05-20T10:00:00Z' } });
      await insert({ summary: 'FB 2', start: { dateTime: '2027-05-20T09:30:00Z' }, end: { dateTime: '2027-05-20T11:00:00Z' } });
      await insert({ summary: 'FB free', transparency: 'transparent', start: { dateTime: '2027-05-20T13:00:00Z' }, end: { dateTime: '2027-05-20T14:00:00Z' } });
      await insert({ summary: 'FB 3', start: { dateTime: '2027-05-20T15:00:00Z' }, end: { dateTime: '2027-05-20T15:30:00Z' } });
      const res = await t.cal.freebusy.query({
        requestBody: { timeMin: '2027-05-20T08:00:00Z', timeMax: '2027-05-20T18:00:00Z', items: [{ id: t.calendarId }] },
      });
      const busy = res.data.calendars?.[t.calendarId]?.busy ?? [];
      expect(busy.map((b) => [Date.parse(b.start!), Date.parse(b.end!)])).toEqual([
        [at('2027-05-20T09:00:00Z'), at('2027-05-20T11:00:00Z')],
        [at('2027-05-20T15:00:00Z'), at('2027-05-20T15:30:00Z')],
      ]);
    });

    it('answers 401 to an invalid access token', async () => {
      await expectGoogleError(
        t.withToken('ya29.not-a-token').events.list({ calendarId: t.calendarId }),
        401,
      );
    });

    it('lists the calendar list with the primary calendar first', async () => {
      const res = await t.cal.calendarList.list();
      const primary = res.data.items?.find((c) => c.primary);
      expect(primary?.accessRole).toBe('owner');
      expect(primary?.timeZone).toBeTruthy();
    });
  });
});

async function fullSync(t: ConformanceTarget): Promise<string> {
  let pageToken: string | undefined;
  for (;;) {
    const res = await t.cal.events.list({ calendarId: t.calendarId, maxResults: 250, ...(pageToken ? { pageToken } : {}) });
    if (res.data.nextPageToken) pageToken = res.data.nextPageToken;
    else return res.data.nextSyncToken!;
  }
}
