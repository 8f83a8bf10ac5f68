import { DateTime } from 'luxon';
import { errors } from './google-error.ts';
import { isValidEventId } from './ids.ts';
import { RecurrenceError, validateRecurrence } from './recurrence.ts';
import type { Attendee, EventDateTime, EventResource } from './state.ts';

/** Fields Google computes itself; a client sending them is ignored, as Google ignores them. */
const READ_ONLY = new Set([
  'kind',
  'etag',
  'htmlLink',
  'created',
  'updated',
  'creator',
  'organizer',
  'recurringEventId',
  'originalStartTime',
  'sequence',
  'hangoutLink',
  'privateCopy',
  'locked',
]);

export type EventInput = Partial<EventResource> & Record<string, unknown>;

export function stripReadOnly(body: Record<string, unknown>): EventInput {
  const out: EventInput = {};
  for (const [k, v] of Object.entries(body)) if (!READ_ONLY.has(k)) out[k] = v;
  return out;
}

export function checkClientId(id: unknown): void {
  if (id === undefined) return;
  if (typeof id !== 'string' || !isValidEventId(id)) throw errors.invalid('Invalid resource id value.', 'id');
}

/**
 * Checks a complete event (after a patch is merged) the way Google does, with
 * Google's messages. Mutates start/end to carry a single representation.
 */
export function validateEventShape(event: EventInput, calendarTimeZone: string): void {
  const start = event.start as EventDateTime | undefined;
  const end = event.end as EventDateTime | undefined;
  if (!start || (!start.date && !start.dateTime)) throw errors.required('Missing start time.', 'start');
  if (!end || (!end.date && !end.dateTime)) throw errors.required('Missing end time.', 'end');
  checkEventTime(start, 'start');
  checkEventTime(end, 'end');
  if (Boolean(start.date) !== Boolean(end.date)) {
    throw errors.badRequest('Start and end times must either both be date or both be dateTime.');
  }
  const recurring = Array.isArray(event.recurrence) && event.recurrence.length > 0;
  if (start.date && end.date) {
    if (end.date <= start.date) throw errors.timeRangeEmpty();
  } else {
    for (const [which, value] of [['start', start], ['end', end]] as const) {
      const hasOffset = /(Z|[+-]\d{2}:?\d{2})$/i.test(value.dateTime!);
      // Google needs a zone to expand a series in, and either a zone or an offset to place a single time.
      if (!hasOffset && !value.timeZone) throw errors.required(`Missing time zone definition for ${which} time.`, which);
      if (recurring && !value.timeZone) throw errors.required(`Missing time zone definition for ${which} time.`, which);
    }
    if (instantOf(end, calendarTimeZone) < instantOf(start, calendarTimeZone)) throw errors.timeRangeEmpty();
  }
  if (event.recurrence !== undefined) {
    if (!Array.isArray(event.recurrence) || event.recurrence.some((l) => typeof l !== 'string')) {
      throw errors.invalid('Invalid recurrence rule.', 'recurrence');
    }
    if (recurring) {
      try {
        validateRecurrence(event.recurrence, start, start.timeZone ?? calendarTimeZone);
      } catch (e) {
        if (e instanceof RecurrenceError) throw errors.invalid('Invalid recurrence rule.', 'recurrence');
        throw e;
      }
    }
  }
  if (event.attendees !== undefined) checkAttendees(event.attendees);
  if (event.status !== undefined && !['confirmed', 'tentative', 'cancelled'].includes(event.status as string)) {
    throw errors.invalid('Invalid value for: status', 'status');
  }
  if (event.transparency !== undefined && !['opaque', 'transparent'].includes(event.transparency as string)) {
    throw errors.invalid('Invalid value for: transparency', 'transparency');
  }
  for (const field of ['summary', 'description', 'location'] as const) {
    if (event[field] !== undefined && event[field] !== null && typeof event[field] !== 'string') {
      throw errors.invalid(`Invalid value for: ${field}`, field);
    }
  }
}

export function instantOf(value: EventDateTime, calendarTimeZone: string): number {
  if (value.date) return DateTime.fromISO(value.date, { zone: calendarTimeZone }).toMillis();
  return DateTime.fromISO(value.dateTime!, { zone: value.timeZone ?? calendarTimeZone }).toMillis();
}

function checkEventTime(value: EventDateTime, which: string): void {
  if (typeof value !== 'object' || value === null) throw errors.invalid(`Invalid ${which} time.`, which);
  if (value.date && value.dateTime) throw errors.badRequest(`Invalid ${which} time: both date and dateTime set.`);
  if (value.date && !/^\d{4}-\d{2}-\d{2}$/.test(value.date)) throw errors.invalid(`Invalid ${which} time.`, which);
  if (value.date && !DateTime.fromISO(value.date).isValid) throw errors.invalid(`Invalid ${which} time.`, which);
  if (value.dateTime && !DateTime.fromISO(value.dateTime, { zone: value.timeZone ?? 'UTC' }).isValid) {
    throw errors.invalid(`Invalid ${which} time.`, which);
  }
  if (value.timeZone && !DateTime.local().setZone(value.timeZone).isValid) {
    throw errors.invalid(`Invalid time zone definition for ${which} time.`, which);
  }
}

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

function checkAttendees(attendees: unknown): void {
  if (!Array.isArray(attendees)) throw errors.invalid('Invalid attendees.', 'attendees');
  for (const a of attendees as Attendee[]) {
    if (!a || typeof a.email !== 'string' || !EMAIL.test(a.email)) {
      throw errors.invalid('Invalid attendee email.', 'attendees.email');
    }
  }
}

/** JSON merge for PATCH: objects merge, arrays and scalars replace, null clears. Start/end switch kind cleanly. */
export function mergePatch(target: Record<string, unknown>, patch: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = { ...target };
  for (const [key, value] of Object.entries(patch)) {
    if (value === null) {
      delete out[key];
    } else if ((key === 'start' || key === 'end' || key === 'originalStartTime') && isObject(value)) {
      const previous = isObject(out[key]) ? (out[key] as Record<string, unknown>) : {};
      const merged: Record<string, unknown> = { ...previous, ...value };
      if ('date' in value && value.date) delete merged.dateTime;
      if ('dateTime' in value && value.dateTime) delete merged.date;
      if (merged.date) delete merged.timeZone;
      out[key] = merged;
    } else if (isObject(value) && isObject(out[key])) {
      out[key] = mergePatch(out[key] as Record<string, unknown>, value);
    } else {
      out[key] = value;
    }
  }
  return out;
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}
