import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { calendar_v3 } from '@googleapis/calendar';
import type { GoogleEmulator } from '../../../server/dev/google-emulator/app.ts';
import { expectGoogleError } from '../../support/google-errors.ts';
import { CALENDAR_READONLY_SCOPE, calendarClientFor, signIn, startEmulator } from '../../support/google-emulator.ts';

let emulator: GoogleEmulator;
let ann: calendar_v3.Calendar;
let bob: calendar_v3.Calendar;
const slot = { start: { dateTime: '2027-01-10T10:00:00Z' }, end: { dateTime: '2027-01-10T11:00:00Z' } };

beforeAll(async () => {
  emulator = await startEmulator();
  ann = calendarClientFor(emulator, await signIn(emulator, 'ann@example.com'));
  bob = calendarClientFor(emulator, await signIn(emulator, 'bob@example.com'));
});
afterAll(() => emulator.close());

describe('one account never sees another', () => {
  it("hides ann's primary calendar and events from bob (404, as Google does)", async () => {
    const created = await ann.events.insert({ calendarId: 'primary', requestBody: { id: 'annprivate01', summary: 'Private', ...slot } });
    expect(created.data.id).toBe('annprivate01');
    await expectGoogleError(bob.events.get({ calendarId: 'ann@example.com', eventId: 'annprivate01' }), 404, 'notFound');
    await expectGoogleError(bob.events.list({ calendarId: 'ann@example.com' }), 404);
    await expectGoogleError(bob.events.delete({ calendarId: 'ann@example.com', eventId: 'annprivate01' }), 404);
    const bobs = await bob.events.list({ calendarId: 'primary' });
    expect(bobs.data.items?.map((e) => e.id)).not.toContain('annprivate01');
  });

  it('lets two accounts use the same client id on their own calendars', async () => {
    await ann.events.insert({ calendarId: 'primary', requestBody: { id: 'sharedid001', ...slot } });
    await bob.events.insert({ calendarId: 'primary', requestBody: { id: 'sharedid001', ...slot } });
    const got = await bob.events.get({ calendarId: 'primary', eventId: 'sharedid001' });
    expect(got.data.organizer?.email).toBe('bob@example.com');
  });

  it('reports an unknown calendar in freeBusy as notFound instead of leaking its busy times', async () => {
    const res = await bob.freebusy.query({
      requestBody: { timeMin: '2027-01-10T00:00:00Z', timeMax: '2027-01-11T00:00:00Z', items: [{ id: 'ann@example.com' }] },
    });
    expect(res.data.calendars?.['ann@example.com']).toEqual({ errors: [{ domain: 'global', reason: 'notFound' }], busy: [] });
  });
});

describe('scopes', () => {
  it('refuses writes with a read-only token (403 insufficientPermissions)', async () => {
    const readonly = calendarClientFor(emulator, await signIn(emulator, 'ro@example.com', { scopes: ['openid', 'email', CALENDAR_READONLY_SCOPE] }));
    await expect(readonly.events.list({ calendarId: 'primary' })).resolves.toBeTruthy();
    await expectGoogleError(readonly.events.insert({ calendarId: 'primary', requestBody: slot }), 403, 'insufficientPermissions');
  });
});

describe('incremental sync', () => {
  it('answers 410 fullSyncRequired once sync tokens are expired, and a full sync recovers', async () => {
    const first = await ann.events.list({ calendarId: 'primary' });
    const token = first.data.nextSyncToken!;
    const res = await fetch(`${emulator.url}/__emulator/accounts/ann@example.com/expire-sync-tokens`, { method: 'POST' });
    expect(res.status).toBe(200);
    await expectGoogleError(ann.events.list({ calendarId: 'primary', syncToken: token }), 410, 'fullSyncRequired');
    const again = await ann.events.list({ calendarId: 'primary' });
    await expect(ann.events.list({ calendarId: 'primary', syncToken: again.data.nextSyncToken! })).resolves.toBeTruthy();
  });

  it('answers 410 for a token that is not one of ours', async () => {
    await expectGoogleError(ann.events.list({ calendarId: 'primary', syncToken: 'CPDAlvWDx70CEPDAlvWDx70CGAU=' }), 410);
  });

  it('reports a cancelled instance of a series in the delta with recurringEventId', async () => {
    const series = await ann.events.insert({
      calendarId: 'primary',
      requestBody: {
        id: 'series00001',
        start: { dateTime: '2027-02-01T09:00:00', timeZone: 'Europe/Berlin' },
        end: { dateTime: '2027-02-01T09:15:00', timeZone: 'Europe/Berlin' },
        recurrence: ['RRULE:FREQ=DAILY;COUNT=3'],
      },
    });
    const token = (await ann.events.list({ calendarId: 'primary' })).data.nextSyncToken!;
    await ann.events.delete({ calendarId: 'primary', eventId: `${series.data.id}_20270202T080000Z` });
    const delta = await ann.events.list({ calendarId: 'primary', syncToken: token });
    expect(delta.data.items).toEqual([
      expect.objectContaining({ id: 'series00001_20270202T080000Z', status: 'cancelled', recurringEventId: 'series00001' }),
    ]);
  });

  it('answers 404 for an instance id the series does not have', async () => {
    await expectGoogleError(ann.events.get({ calendarId: 'primary', eventId: 'series00001_20270202T090000Z' }), 404);
  });

  it('expands series in singleEvents sync deltas as instances', async () => {
    const token = (await ann.events.list({ calendarId: 'primary', singleEvents: true })).data.nextSyncToken!;
    await ann.events.patch({ calendarId: 'primary', eventId: 'series00001', requestBody: { summary: 'Renamed series' } });
    const delta = await ann.events.list({ calendarId: 'primary', singleEvents: true, syncToken: token });
    expect(delta.data.items?.map((e) => e.id)).toEqual(['series00001_20270201T080000Z', 'series00001_20270203T080000Z']);
    expect(delta.data.items?.every((e) => e.summary === 'Renamed series')).toBe(true);
  });
});

describe('validation in Google words', () => {
  it.each([
    ['no end', { start: { dateTime: '2027-01-01T10:00:00Z' } }, 'required'],
    ['local time with no zone', { start: { dateTime: '2027-01-01T10:00:00' }, end: { dateTime: '2027-01-01T11:00:00' } }, 'required'],
    ['series without timeZone', { ...slot, recurrence: ['RRULE:FREQ=DAILY'] }, 'required'],
    ['bad rule', { start: { dateTime: '2027-01-01T10:00:00', timeZone: 'UTC' }, end: { dateTime: '2027-01-01T11:00:00', timeZone: 'UTC' }, recurrence: ['RRULE:FREQ=SOMETIMES'] }, 'invalid'],
    ['bad attendee', { ...slot, attendees: [{ email: 'not an email' }] }, 'invalid'],
    ['date and dateTime mixed', { start: { date: '2027-01-01' }, end: { dateTime: '2027-01-01T11:00:00Z' } }, 'badRequest'],
    ['unknown zone', { start: { dateTime: '2027-01-01T10:00:00', timeZone: 'Mars/Olympus' }, end: { dateTime: '2027-01-01T11:00:00', timeZone: 'Mars/Olympus' } }, 'invalid'],
  ])('refuses %s with 400', async (_name, body, reason) => {
    await expectGoogleError(ann.events.insert({ calendarId: 'primary', requestBody: body as calendar_v3.Schema$Event }), 400, reason);
  });

  it('answers 400 parseError to a body that is not JSON', async () => {
    const token = (await signIn(emulator, 'ann@example.com')).credentials.access_token;
    const res = await fetch(`${emulator.url}/calendar/v3/calendars/primary/events`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: '{not json',
    });
    expect(res.status).toBe(400);
    expect(((await res.json()) as { error: { errors: Array<{ reason: string }> } }).error.errors[0]!.reason).toBe('parseError');
  });
});
