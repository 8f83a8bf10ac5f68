import type { calendar_v3 } from '@googleapis/calendar';
import { DateTime } from 'luxon';
import type { EventPreview } from '../../shared/schemas/chat.ts';

type GoogleEvent = calendar_v3.Schema$Event;

/**
 * The request bodies a confirmed proposal sends to Google: a new event, the fields a change sets, what
 * undo puts back, and the rules of a series cut in two ("this and following").
 */
export function toGoogle(e: EventPreview): GoogleEvent {
  return {
    summary: e.title,
    ...(e.allDay ? { start: { date: e.startDate! }, end: { date: e.endDate! } } : { start: { dateTime: e.start!, timeZone: e.timeZone }, end: { dateTime: e.end!, timeZone: e.timeZone } }),
    ...(e.attendees.length ? { attendees: e.attendees.map((email) => ({ email })) } : {}),
    ...(e.location ? { location: e.location } : {}),
    ...(e.recurrence.length ? { recurrence: e.recurrence } : {}),
  };
}

export function changedFields(e: EventPreview): GoogleEvent {
  const { recurrence: _r, ...rest } = toGoogle(e);
  return { ...rest, attendees: e.attendees.map((email) => ({ email })), location: e.location ?? null };
}

export function snapshot(e: GoogleEvent): GoogleEvent {
  return { summary: e.summary ?? null, start: e.start ?? null, end: e.end ?? null, attendees: e.attendees ?? [], location: e.location ?? null } as GoogleEvent;
}

/** "All events": the series moves by as much as this occurrence moves, keeping its own zone. */
export function shiftSeries(parent: GoogleEvent, instance: GoogleEvent, after: EventPreview): GoogleEvent {
  const body = changedFields(after);
  if (after.allDay || !parent.start?.dateTime || !instance.start?.dateTime || !after.start || !after.end) return { ...body, start: undefined, end: undefined };
  const zone = parent.start.timeZone ?? after.timeZone;
  const delta = Date.parse(after.start) - Date.parse(instance.start.dateTime);
  const length = Date.parse(after.end) - Date.parse(after.start);
  const start = DateTime.fromISO(parent.start.dateTime, { zone }).plus({ milliseconds: delta });
  return { ...body, start: { dateTime: start.toISO({ suppressMilliseconds: true })!, timeZone: zone }, end: { dateTime: start.plus({ milliseconds: length }).toISO({ suppressMilliseconds: true })!, timeZone: zone } };
}

/** The series' rule, ended just before this occurrence ("this and following" starts a new series there). */
export function endSeriesBefore(parent: GoogleEvent, instance: GoogleEvent): string[] {
  const original = instance.originalStartTime?.dateTime ?? instance.start?.dateTime;
  const originalDate = instance.originalStartTime?.date ?? instance.start?.date;
  const until = original
    ? DateTime.fromISO(original).toUTC().minus({ seconds: 1 }).toFormat("yyyyMMdd'T'HHmmss'Z'")
    : DateTime.fromISO(originalDate!).minus({ days: 1 }).toFormat('yyyyMMdd');
  return (parent.recurrence ?? []).map((line) => (line.startsWith('RRULE:') ? `RRULE:${stripEnd(line.slice(6))};UNTIL=${until}` : line));
}

/** The rule the new series carries on with: the same pattern, without the old COUNT (the cut changed what it counted). */
export function continuingRule(parent: GoogleEvent): string[] {
  return (parent.recurrence ?? []).filter((l) => l.startsWith('RRULE:')).map((line) => {
    const until = /UNTIL=[^;]+/.exec(line)?.[0];
    return `RRULE:${stripEnd(line.slice(6))}${until ? `;${until}` : ''}`;
  });
}

function stripEnd(rule: string): string {
  return rule
    .split(';')
    .filter((p) => !/^(COUNT|UNTIL)=/.test(p))
    .join(';');
}
