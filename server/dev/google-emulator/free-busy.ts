import { DateTime } from 'luxon';
import { errors } from './google-error.ts';
import { instantOf } from './event-input.ts';
import type { CalendarService } from './calendar-service.ts';
import type { EventQuery } from './event-query.ts';
import type { Account } from './state.ts';

interface FreeBusyRequest {
  timeMin?: string;
  timeMax?: string;
  timeZone?: string;
  items?: Array<{ id?: string }>;
}

type CalendarBusy = { busy: Array<{ start: string; end: string }>; errors?: Array<{ domain: string; reason: string }> };

/** freeBusy.query: merged busy intervals per calendar, skipping free (transparent), cancelled and declined events. */
export function queryFreeBusy(account: Account, body: FreeBusyRequest, calendars: CalendarService, query: EventQuery) {
  if (!body.timeMin) throw errors.required('Missing timeMin parameter.', 'timeMin');
  if (!body.timeMax) throw errors.required('Missing timeMax parameter.', 'timeMax');
  const from = DateTime.fromISO(body.timeMin, { setZone: true });
  const to = DateTime.fromISO(body.timeMax, { setZone: true });
  if (!from.isValid) throw errors.badRequest('Bad Request', 'timeMin');
  if (!to.isValid) throw errors.badRequest('Bad Request', 'timeMax');
  if (to <= from) throw errors.timeRangeEmpty();
  const zone = body.timeZone ?? 'UTC';
  if (!DateTime.local().setZone(zone).isValid) throw errors.invalid('Invalid time zone.', 'timeZone');
  const result: Record<string, CalendarBusy> = {};
  for (const item of body.items ?? []) {
    const id = item.id ?? '';
    let calendar;
    try {
      calendar = calendars.calendarFor(account, id);
    } catch {
      result[id] = { errors: [{ domain: 'global', reason: 'notFound' }], busy: [] };
      continue;
    }
    const events = query.list(calendar, {
      timeMin: from.toUTC().toISO()!,
      timeMax: to.toUTC().toISO()!,
      singleEvents: 'true',
      maxResults: '2500',
    }).items;
    const intervals: Array<[number, number]> = [];
    for (const e of events) {
      if (e.status === 'cancelled' || e.transparency === 'transparent') continue;
      if (e.attendees?.some((a) => a.self && a.responseStatus === 'declined')) continue;
      const s = Math.max(instantOf(e.start, calendar.timeZone), from.toMillis());
      const t = Math.min(instantOf(e.end, calendar.timeZone), to.toMillis());
      if (t > s) intervals.push([s, t]);
    }
    result[id] = { busy: merge(intervals).map(([s, t]) => ({ start: format(s, zone), end: format(t, zone) })) };
  }
  return { kind: 'calendar#freeBusy', timeMin: body.timeMin, timeMax: body.timeMax, calendars: result };
}

function merge(intervals: Array<[number, number]>): Array<[number, number]> {
  const sorted = [...intervals].sort((a, b) => a[0] - b[0]);
  const out: Array<[number, number]> = [];
  for (const [s, e] of sorted) {
    const last = out[out.length - 1];
    if (last && s <= last[1]) last[1] = Math.max(last[1], e);
    else out.push([s, e]);
  }
  return out;
}

function format(ms: number, zone: string): string {
  const dt = DateTime.fromMillis(ms, { zone });
  return zone === 'UTC' ? dt.toUTC().toISO({ suppressMilliseconds: true, includeOffset: false }) + 'Z' : dt.toISO({ suppressMilliseconds: true })!;
}
