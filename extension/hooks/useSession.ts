import { useQuery } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { companion, CompanionError } from '../lib/api.ts';

export interface Session {
  user: { id: string; email: string; name: string | null; timeZone: string | null };
  connection: { status: 'connected' | 'insufficient_scope' | 'reconnect_required' | 'not_connected' };
  demo: boolean;
}

const CACHE_KEY = 'sessionCache';

/**
 * Who is signed in; null when nobody is (or the token was revoked). The last
 * answer is kept in storage.local and shown at once while the companion is
 * asked again, so the popup is usable without waiting for the network.
 */
export function useSession() {
  const [cached, setCached] = useState<Session | null | undefined>(undefined);
  useEffect(() => {
    void browser.storage.local.get(CACHE_KEY).then((r) => setCached((r[CACHE_KEY] as Session | undefined) ?? null));
  }, []);
  return useQuery({
    queryKey: ['session'],
    queryFn: async (): Promise<Session | null> => {
      try {
        const session = await companion<Session>('/api/session');
        await browser.storage.local.set({ [CACHE_KEY]: session });
        return session;
      } catch (error) {
        if (error instanceof CompanionError && error.status === 401) {
          await browser.storage.local.remove(CACHE_KEY);
          return null;
        }
        throw error;
      }
    },
    ...(cached ? { placeholderData: cached } : {}),
    staleTime: 60_000,
    retry: (count, error) => !(error instanceof CompanionError && error.code === 'offline') && count < 2,
  });
}
