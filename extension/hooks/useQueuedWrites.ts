import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { WriteRetry } from '../../shared/schemas/write-retries.ts';
import { companion } from '../lib/api.ts';
import { EVENT_COPY_QUERY } from './useEventFeed.ts';

export const QUEUED_WRITES_QUERY = 'queued-writes';

/**
 * Confirmed changes the companion could not hand to Google yet (it keeps trying) or gave up on: asked
 * for every 5 s while one is being tried (to see it land soon after it does), every minute otherwise.
 */
export function useQueuedWrites(enabled: boolean) {
  const queries = useQueryClient();
  const list = useQuery({
    queryKey: [QUEUED_WRITES_QUERY],
    queryFn: async () => (await companion<{ items: WriteRetry[] }>('/api/writes')).items,
    enabled,
    refetchInterval: (query) => (query.state.data?.some((w) => w.status === 'pending') ? 5_000 : 60_000),
  });
  const settle = () => Promise.all([queries.invalidateQueries({ queryKey: [QUEUED_WRITES_QUERY] }), queries.invalidateQueries({ queryKey: [EVENT_COPY_QUERY] })]);
  const retry = useMutation({ mutationFn: (id: string) => companion(`/api/writes/${id}/retry`, { method: 'POST' }), onSettled: settle });
  const dismiss = useMutation({ mutationFn: (id: string) => companion(`/api/writes/${id}`, { method: 'DELETE' }), onSettled: settle });
  return { writes: list.data ?? [], retry: (id: string) => retry.mutate(id), dismiss: (id: string) => dismiss.mutate(id) };
}
