import { useQuery } from '@tanstack/react-query';
import { companion, CompanionError } from '../lib/api.ts';

export interface Session {
  user: { id: string; email: string; name: string | null; timeZone: string | null };
  connection: { status: 'connected' | 'insufficient_scope' | 'reconnect_required' | 'not_connected' };
  demo: boolean;
}

/** Who is signed in; null when nobody is (or the token was revoked). */
export function useSession() {
  return useQuery({
    queryKey: ['session'],
    queryFn: async (): Promise<Session | null> => {
      try {
        return await companion<Session>('/api/session');
      } catch (error) {
        if (error instanceof CompanionError && error.status === 401) return null;
        throw error;
      }
    },
    staleTime: 60_000,
    retry: (count, error) => !(error instanceof CompanionError && error.code === 'offline') && count < 2,
  });
}
