import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { WriteRetry } from '../../shared/schemas/write-retries.ts';
import { companion } from '../lib/api.ts';

/**
 * Confirmed changes the companion could not hand to Google yet (it keeps trying) or gave up on: asked
 * for every 30 s, often enough to see a retry land, rarely enough to cost nothing.
 */
export function useQueuedWrites(enabled: boolean) {
  const queries = useQueryClient();
  const list = useQuery({
    queryKey: ['queued-writes'],
    queryFn: async () => (await companion<{ items: WriteRetry[] }>('/api/writes')).items,
    enabled,
    refetchInterval: 30_000,
  });
  const settle = () => Promise.all([queries.invalidateQueries({ queryKey: ['queued-writes'] }), queries.invalidateQueries({ queryKey: ['agenda'] })]);
  const retry = useMutation({ mutationFn: (id: string) => companion(`/api/writes/${id}/retry`, { method: 'POST' }), onSettled: settle });
  const dismiss = useMutation({ mutationFn: (id: string) => companion(`/api/writes/${id}`, { method: 'DELETE' }), onSettled: settle });
  return { writes: list.data ?? [], retry: (id: string) => retry.mutate(id), dismiss: (id: string) => dismiss.mutate(id) };
}
