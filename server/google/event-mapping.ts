import type { calendar_v3 } from '@googleapis/calendar';
import { DateTime } from 'luxon';
import type { CalendarEvent, CreateEventInput, PatchEventInput } from '../../shared/schemas/calendar-event.ts';

type GoogleEvent = calendar_v3.Schema$Event;

/** Google's event as the product's shape; all-day dates become instants at midnight in the calendar's zone. */
export function fromGoogleEvent(e: GoogleEvent, calendarId: string, calendarTimeZone: string): CalendarEvent {
  const allDay = Boolean(e.start?.date);
  const instant = (t: calendar_v3.Schema$EventDateTime | undefined) =>
    t?.date
      ? DateTime.fromISO(t.date, { zone: calendarTimeZone }).toISO({ suppressMilliseconds: true })!
      : DateTime.fromISO(t?.dateTime ?? '', { setZone: true }).toISO({ suppressMilliseconds: true })!;
  const original = e.originalStartTime ? instant(e.originalStartTime) : undefined;
  return {
    id: e.id!,
    calendarId,
    status: (e.status as CalendarEvent['status']) ?? 'confirmed',
    title: e.summary ?? '',
    ...(e.description ? { description: e.description } : {}),
    ...(e.location ? { location: e.location } : {}),
    start: instant(e.start),
    end: instant(e.end),
    allDay,
    ...(allDay ? { startDate: e.start!.date!, endDate: e.end!.date! } : {}),
    ...(e.start?.timeZone ? { timeZone: e.start.timeZone } : {}),
    attendees: (e.attendees ?? []).map((a) => ({
      email: a.email!,
      ...(a.displayName ? { name: a.displayName } : {}),
      responseStatus: (a.responseStatus as 'needsAction' | 'declined' | 'tentative' | 'accepted') ?? 'needsAction',
      ...(a.self ? { self: true } : {}),
      ...(a.organizer ? { organizer: true } : {}),
      ...(a.optional ? { optional: true } : {}),
    })),
    ...(e.organizer?.email ? { organizer: e.organizer.email } : {}),
    ...(e.recurrence?.length ? { recurrence: e.recurrence } : {}),
    ...(e.recurringEventId ? { recurringEventId: e.recurringEventId } : {}),
    ...(original ? { originalStart: original } : {}),
    transparency: e.transparency === 'transparent' ? 'transparent' : 'opaque',
    ...(e.htmlLink ? { htmlLink: e.htmlLink } : {}),
    etag: e.etag ?? '',
    updated: e.updated ?? '',
  };
}

/** The request body Google takes for a new event. Recurring timed events need a zone: Google expands them in it. */
export function toGoogleEvent(input: CreateEventInput | PatchEventInput, defaultTimeZone: string): GoogleEvent {
  const body: GoogleEvent = {};
  if (input.title !== undefined) body.summary = input.title;
  if (input.description !== undefined) body.description = input.description;
  if (input.location !== undefined) body.location = input.location;
  if (input.transparency !== undefined) body.transparency = input.transparency;
  if (input.attendees !== undefined) body.attendees = input.attendees.map((email) => ({ email }));
  if (input.recurrence !== undefined) body.recurrence = input.recurrence;
  if (input.allDay && input.startDate && input.endDate) {
    body.start = { date: input.startDate, dateTime: null, timeZone: null };
    body.end = { date: input.endDate, dateTime: null, timeZone: null };
  } else if (input.start && input.end) {
    const zone = input.timeZone ?? defaultTimeZone;
    body.start = { dateTime: localIn(input.start, zone), timeZone: zone, date: null };
    body.end = { dateTime: localIn(input.end, zone), timeZone: zone, date: null };
  }
  return body;
}

/** The instant written as wall time in `zone` with its offset: unambiguous, and readable in Google's UI. */
function localIn(iso: string, zone: string): string {
  return DateTime.fromISO(iso, { setZone: true }).setZone(zone).toISO({ suppressMilliseconds: true })!;
}
