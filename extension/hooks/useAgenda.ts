import { useQuery } from '@tanstack/react-query';
import type { CalendarEvent } from '../../shared/schemas/calendar-event.ts';
import { companion } from '../lib/api.ts';
import { db } from '../lib/outbox.ts';

/** The next days' events: from the companion, kept in IndexedDB so the panel opens with them when offline. */
export function useAgenda(days = 7) {
  return useQuery({
    queryKey: ['agenda', days],
    queryFn: async (): Promise<CalendarEvent[]> => {
      const from = new Date();
      from.setHours(0, 0, 0, 0);
      const to = new Date(from.getTime() + days * 86_400_000);
      try {
        const { items } = await companion<{ items: CalendarEvent[] }>(`/api/events?from=${encodeURIComponent(from.toISOString())}&to=${encodeURIComponent(to.toISOString())}`);
        await db.transaction('rw', db.events, async () => {
          await db.events.clear();
          await db.events.bulkPut(items.map((e) => ({ id: e.id, calendarId: e.calendarId, start: e.start, end: e.end, json: JSON.stringify(e) })));
        });
        return items;
      } catch (error) {
        const cached = await db.events.orderBy('start').toArray();
        if (cached.length) return cached.map((c) => JSON.parse(c.json) as CalendarEvent);
        throw error;
      }
    },
    staleTime: 30_000,
  });
}
