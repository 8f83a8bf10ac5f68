import { DateTime } from 'luxon';
import type { CalendarEvent } from '../../shared/schemas/calendar-event.ts';
import type { BotPhrases } from './bot-phrases.ts';

/** The local day around `now` in `zone`, as the window /today asks the calendar for. */
export function todayWindow(now: number, zone: string): { from: string; to: string; day: DateTime } {
  const day = DateTime.fromMillis(now, { zone }).startOf('day');
  return { from: day.toISO()!, to: day.plus({ days: 1 }).toISO()!, day };
}

/** One line per event, in the user's zone: "09:30–09:45 Team standup", all-day ones first. */
export function describeToday(events: CalendarEvent[], day: DateTime, zone: string, words: BotPhrases, locale: string): string {
  if (events.length === 0) return words.nothingToday;
  const sorted = [...events].sort((a, b) => Number(b.allDay) - Number(a.allDay) || Date.parse(a.start) - Date.parse(b.start));
  const time = (iso: string) => DateTime.fromISO(iso, { zone }).toFormat('HH:mm');
  const lines = sorted.map((e) => `${e.allDay ? words.allDay : `${time(e.start)}–${time(e.end)}`} ${e.title}${e.location ? ` (${e.location})` : ''}`);
  return [words.today(day.setLocale(locale).toLocaleString({ weekday: 'long', day: 'numeric', month: 'long' })), ...lines].join('\n');
}
