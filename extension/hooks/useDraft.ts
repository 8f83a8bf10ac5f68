import { useEffect, useState } from 'react';
import type { EventCandidate } from '../../shared/extraction/event-candidate.ts';
import { db } from '../lib/local-db.ts';
import { enqueue, flushOutbox, waitForWrite } from '../lib/outbox.ts';
import { loadSettings } from '../lib/settings.ts';

/**
 * Events "Schedule this" found on a page, waiting in the side panel. Confirming
 * one writes it through the outbox with its own idempotency key: offline, it
 * waits and is written exactly once when the companion is back.
 */
export function useDraft(onWrite: () => void) {
  const [candidates, setCandidates] = useState<EventCandidate[]>([]);
  const [state, setState] = useState<'idle' | 'queued' | 'done' | 'failed'>('idle');
  const [pendingKey, setPendingKey] = useState<string | null>(null);
  // While a write waits: retry as soon as the browser is online again, and show when it went through.
  useEffect(() => {
    if (!pendingKey) return;
    let stopped = false;
    // The timer respects the backoff; coming back online skips it.
    const check = async (everything = false) => {
      if (navigator.onLine) await flushOutbox({ everything });
      const write = await db.outbox.get(pendingKey);
      if (stopped) return;
      if (write?.state === 'done') {
        setState('done');
        setPendingKey(null);
        onWrite();
      } else if (write?.state === 'failed') {
        setState('failed');
        setPendingKey(null);
      }
    };
    const timer = setInterval(() => void check(), 1000);
    const onOnline = () => void check(true);
    window.addEventListener('online', onOnline);
    return () => {
      stopped = true;
      clearInterval(timer);
      window.removeEventListener('online', onOnline);
    };
  }, [pendingKey, onWrite]);
  useEffect(() => {
    const read = async () => {
      const { draft } = await browser.storage.session.get('draft');
      const list = (draft as { candidates?: EventCandidate[] } | undefined)?.candidates ?? [];
      setCandidates(list);
      setState('idle');
    };
    void read();
    const listener = (changes: Record<string, unknown>, area: string) => {
      if (area === 'session' && 'draft' in changes) void read();
    };
    browser.storage.onChanged.addListener(listener);
    return () => browser.storage.onChanged.removeListener(listener);
  }, []);

  const confirm = async (index: number) => {
    const c = candidates[index];
    if (!c) return;
    const { calendarId } = await loadSettings();
    const key = `draft:${crypto.randomUUID()}`;
    const body = c.allDay
      ? { calendarId, title: c.title, allDay: true, startDate: c.startDate, endDate: c.endDate, ...(c.location ? { location: c.location } : {}), ...(c.description ? { description: c.description.slice(0, 8000) } : {}) }
      : { calendarId, title: c.title, start: c.start, end: c.end ?? new Date(Date.parse(c.start!) + 3_600_000).toISOString(), ...(c.location ? { location: c.location } : {}), ...(c.description ? { description: c.description.slice(0, 8000) } : {}) };
    await enqueue({ id: key, method: 'POST', path: '/api/events', body, label: c.title });
    setState('queued');
    setPendingKey(key);
    await flushOutbox();
    const write = await waitForWrite(key, 3000);
    if (write?.state === 'done') {
      setState('done');
      setPendingKey(null);
      onWrite();
    } else if (write?.state === 'failed') setState('failed');
  };

  const dismiss = () => {
    void browser.storage.session.remove('draft');
    setCandidates([]);
  };
  return { candidates, state, confirm, dismiss };
}
