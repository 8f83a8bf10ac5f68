import { useQueryClient } from '@tanstack/react-query';
import { useCallback, useEffect, useRef } from 'react';
import { resetCopy } from '../lib/event-copy.ts';
import { pullFeed } from '../lib/event-feed.ts';
import { db } from '../lib/local-db.ts';
import { loadSettings } from '../lib/settings.ts';

/** The first element of every query that reads the local copy of events; invalidating it re-reads them all. */
export const EVENT_COPY_QUERY = 'event-copy';

/**
 * Keeps the local copy current while a view of it is open and visible: pulls the
 * delta feed every `feedPollSeconds`, at once when the page is shown or focused,
 * and when `pullNow` is called (after a write). The views re-read the copy when
 * its cursor moved, whoever moved it: this page or the background's alarm.
 *
 * `account`: the signed-in user's id; null when nobody is signed in (the copy is
 * dropped); undefined where no feed runs (the popup, or the session is unknown).
 */
export function useEventFeed(account: string | null | undefined): { pullNow: () => Promise<void> } {
  const queries = useQueryClient();
  const seen = useRef<number | null | undefined>(undefined);
  const inFlight = useRef<Promise<void> | null>(null);

  const pullNow = useCallback((): Promise<void> => {
    if (!account) return Promise.resolve();
    // One pull at a time per page: a focus event during a timer's pull joins it.
    inFlight.current ??= (async () => {
      const before = (await db.copy.get(account))?.cursor;
      const result = await pullFeed(account).catch(() => undefined); // offline or refused: the next tick tries again
      const after = (await db.copy.get(account))?.cursor;
      const last = seen.current === undefined ? before : seen.current;
      seen.current = after;
      if (result?.status === 'needs_window' || after !== last) await queries.invalidateQueries({ queryKey: [EVENT_COPY_QUERY] });
    })().finally(() => {
      inFlight.current = null;
    });
    return inFlight.current;
  }, [account, queries]);

  useEffect(() => {
    if (account === null) void resetCopy();
  }, [account]);

  useEffect(() => {
    if (!account) return;
    let timer: ReturnType<typeof setInterval> | undefined;
    let alive = true;
    const visible = () => document.visibilityState === 'visible';
    const onShown = () => {
      if (visible()) void pullNow();
    };
    void pullNow();
    void loadSettings().then(({ feedPollSeconds }) => {
      // A hidden page (a background tab, a minimised window) skips its turns and catches up when shown.
      if (alive) timer = setInterval(onShown, feedPollSeconds * 1000);
    });
    document.addEventListener('visibilitychange', onShown);
    window.addEventListener('focus', onShown);
    return () => {
      alive = false;
      clearInterval(timer);
      document.removeEventListener('visibilitychange', onShown);
      window.removeEventListener('focus', onShown);
    };
  }, [account, pullNow]);

  return { pullNow };
}
