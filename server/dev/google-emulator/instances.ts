import { expandOccurrences, occurrenceAt, type Occurrence } from './recurrence.ts';
import type { CalendarRecord, EventResource, StoredEvent } from './state.ts';

/** How far ahead an open-ended series is expanded when the caller gives no timeMax. */
export const EXPANSION_HORIZON_MS = 2 * 365 * 86_400_000;

const INSTANCE_ID = /^(.+)_(\d{8}(?:T\d{6}Z)?)$/;

export function splitInstanceId(id: string): { parentId: string; suffix: string } | null {
  const m = INSTANCE_ID.exec(id);
  return m ? { parentId: m[1]!, suffix: m[2]! } : null;
}

export function isRecurring(event: EventResource): boolean {
  return Array.isArray(event.recurrence) && event.recurrence.length > 0;
}

export function isException(event: EventResource): boolean {
  return typeof event.recurringEventId === 'string';
}

/** The instance Google would return for an occurrence that has no exception of its own. */
export function instanceResource(parent: EventResource, occurrence: Occurrence, htmlBase: string, calendarId: string): EventResource {
  const { recurrence: _recurrence, ...fields } = parent;
  const id = `${parent.id}_${occurrence.idSuffix}`;
  return {
    ...fields,
    id,
    htmlLink: htmlLink(htmlBase, id, calendarId),
    recurringEventId: parent.id,
    originalStartTime: { ...occurrence.start },
    start: { ...occurrence.start },
    end: { ...occurrence.end },
  };
}

export function occurrencesOf(parent: EventResource, calendar: CalendarRecord, fromMs: number, toMs: number, limit?: number): Occurrence[] {
  return expandOccurrences(
    { start: parent.start, end: parent.end, recurrence: parent.recurrence ?? [] },
    calendar.timeZone,
    fromMs,
    toMs,
    limit,
  );
}

export function findOccurrence(parent: EventResource, calendar: CalendarRecord, suffix: string): Occurrence | undefined {
  return occurrenceAt({ start: parent.start, end: parent.end, recurrence: parent.recurrence ?? [] }, calendar.timeZone, suffix);
}

/** Exceptions stored for a series: instance ids `${parentId}_…` whose recurringEventId is the parent. */
export function exceptionsOf(events: Map<string, StoredEvent>, parentId: string): StoredEvent[] {
  const out: StoredEvent[] = [];
  for (const e of events.values()) if (e.resource.recurringEventId === parentId) out.push(e);
  return out;
}

export function htmlLink(base: string, eventId: string, calendarId: string): string {
  const eid = Buffer.from(`${eventId} ${calendarId}`).toString('base64url');
  return `${base}/calendar/event?eid=${eid}`;
}
