import type { EventPreview } from '../../shared/schemas/chat.ts';
import { t } from '../lib/i18n.ts';

/** "Thu 26 Nov, 13:00–14:00" in the user's zone and locale. */
export function formatRange(e: Pick<EventPreview, 'start' | 'end' | 'allDay' | 'startDate' | 'endDate'>, timeZone: string): string {
  if (e.allDay && e.startDate) {
    const day = new Date(`${e.startDate}T12:00:00Z`).toLocaleDateString(undefined, { weekday: 'short', day: 'numeric', month: 'short', timeZone: 'UTC' });
    return `${day} · ${t('allDayShort')}`;
  }
  if (!e.start) return '';
  const start = new Date(e.start);
  const end = new Date(e.end ?? e.start);
  const day = start.toLocaleDateString(undefined, { weekday: 'short', day: 'numeric', month: 'short', timeZone });
  const time = (d: Date) => d.toLocaleTimeString(undefined, { hour: '2-digit', minute: '2-digit', timeZone });
  return `${day}, ${time(start)}–${time(end)}`;
}

/** "13:00–14:00" (or "All day") for a row under its day's heading. */
export function formatTimes(e: Pick<EventPreview, 'start' | 'end' | 'allDay'>, timeZone: string): string {
  if (e.allDay || !e.start) return t('allDay');
  const time = (iso: string) => new Date(iso).toLocaleTimeString(undefined, { hour: '2-digit', minute: '2-digit', timeZone });
  return `${time(e.start)}–${time(e.end ?? e.start)}`;
}
