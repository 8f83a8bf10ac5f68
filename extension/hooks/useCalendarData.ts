import { useQuery } from '@tanstack/react-query';
import type { CalendarSummary } from '../../shared/schemas/calendar-event.ts';
import { companion } from '../lib/api.ts';
import { readWindow } from '../lib/event-copy.ts';
import { EVENT_COPY_QUERY } from './useEventFeed.ts';
import { useSession } from './useSession.ts';

export function useCalendars() {
  return useQuery({
    queryKey: ['calendars'],
    queryFn: async () => (await companion<{ items: CalendarSummary[] }>('/api/calendars')).items,
    staleTime: 5 * 60_000,
  });
}

/** Events of the chosen calendars in [from, to), merged and sorted, from the local copy. */
export function useEventsIn(from: Date, to: Date, calendarIds: string[]) {
  const account = useSession().data?.user.id;
  return useQuery({
    queryKey: [EVENT_COPY_QUERY, 'window', account, from.toISOString(), to.toISOString(), [...calendarIds].sort().join(',')],
    queryFn: () => readWindow(account!, calendarIds, from.getTime(), to.getTime()),
    enabled: Boolean(account) && calendarIds.length > 0,
    staleTime: 30_000,
  });
}

export interface FreeWindow {
  start: string;
  end: string;
}

export function useFreeSlots(from: Date, to: Date, minutes: number, calendarIds: string[], hours: { start: string; end: string }) {
  return useQuery({
    queryKey: ['free', from.toISOString(), to.toISOString(), minutes, [...calendarIds].sort().join(','), hours.start, hours.end],
    queryFn: async () =>
      companion<{ free: FreeWindow[]; suggestions: FreeWindow[]; timeZone: string }>(
        `/api/availability?from=${encodeURIComponent(from.toISOString())}&to=${encodeURIComponent(to.toISOString())}&durationMinutes=${minutes}&calendarIds=${encodeURIComponent(calendarIds.join(','))}&workStart=${hours.start}&workEnd=${hours.end}`,
      ),
    enabled: calendarIds.length > 0,
  });
}
