import { createHash } from 'node:crypto';
import type { CalendarRecord } from './state.ts';

/** A calendar list entry: the per-user view of a calendar (colour, selection, primary flag). */
export function calendarListEntry(c: CalendarRecord) {
  return {
    kind: 'calendar#calendarListEntry',
    etag: etagOf(c),
    id: c.id,
    summary: c.summary,
    description: c.description,
    timeZone: c.timeZone,
    colorId: c.colorId,
    backgroundColor: c.backgroundColor,
    foregroundColor: c.foregroundColor,
    selected: true,
    accessRole: 'owner',
    defaultReminders: c.primary ? [{ method: 'popup', minutes: 10 }] : [],
    conferenceProperties: { allowedConferenceSolutionTypes: ['hangoutsMeet'] },
    ...(c.primary ? { primary: true, notificationSettings: { notifications: [] } } : {}),
  };
}

export function calendarResource(c: CalendarRecord) {
  return { kind: 'calendar#calendar', etag: etagOf(c), id: c.id, summary: c.summary, description: c.description, timeZone: c.timeZone };
}

function etagOf(c: CalendarRecord): string {
  const digest = createHash('sha1').update(JSON.stringify([c.summary, c.description, c.timeZone, c.colorId])).digest();
  return `"${digest.readBigUInt64BE(0) % 10_000_000_000_000_000n}"`;
}
