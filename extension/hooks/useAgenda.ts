import { useQuery } from '@tanstack/react-query';
import { readWindow } from '../lib/event-copy.ts';
import { EVENT_COPY_QUERY } from './useEventFeed.ts';
import { useSession } from './useSession.ts';

/** The next days' events of the primary calendar, from the local copy (which works offline and the feed keeps current). */
export function useAgenda(days = 7) {
  const account = useSession().data?.user.id;
  return useQuery({
    queryKey: [EVENT_COPY_QUERY, 'agenda', account, days],
    queryFn: () => {
      const from = new Date();
      from.setHours(0, 0, 0, 0);
      return readWindow(account!, ['primary'], from.getTime(), from.getTime() + days * 86_400_000);
    },
    enabled: Boolean(account),
    staleTime: 30_000,
  });
}
