import { useCallback, useState } from 'react';
import type { ChatReply, ChatResult, EventPreview } from '../../shared/schemas/chat.ts';
import type { CompanionError } from '../lib/api.ts';
import { companion } from '../lib/api.ts';
import { enqueue, flushOutbox, waitForWrite } from '../lib/outbox.ts';

export type ChatEntry =
  | { kind: 'user'; id: string; text: string }
  | { kind: 'assistant'; id: string; reply: ChatReply; settled?: 'confirmed' | 'dismissed' | 'queued' }
  | { kind: 'result'; id: string; text: string; proposalId: string; undoUntil?: string; undone?: boolean; eventId?: string }
  | { kind: 'error'; id: string; code: string; text: string };

/**
 * The conversation: messages go to the companion; confirmations go through
 * the outbox (keyed by proposal and option, so a retry never writes twice).
 */
export function useChat(onWrite?: () => void) {
  const [entries, setEntries] = useState<ChatEntry[]>([]);
  const [busy, setBusy] = useState(false);
  const add = (e: ChatEntry) => setEntries((list) => [...list, e]);
  const failure = (error: unknown): ChatEntry => {
    const e = error as CompanionError;
    return { kind: 'error', id: crypto.randomUUID(), code: e.code ?? 'internal', text: e.message };
  };

  const send = useCallback(async (text: string, timeZone: string) => {
    add({ kind: 'user', id: crypto.randomUUID(), text });
    setBusy(true);
    try {
      const reply = await companion<ChatReply>('/api/chat/message', { method: 'POST', body: { text, timeZone } });
      add({ kind: 'assistant', id: crypto.randomUUID(), reply });
    } catch (error) {
      add(failure(error));
    } finally {
      setBusy(false);
    }
  }, []);

  const confirm = useCallback(
    async (entryId: string, proposalId: string, optionId: string) => {
      const key = `confirm:${proposalId}:${optionId}`;
      await enqueue({ id: key, method: 'POST', path: '/api/chat/confirm', body: { proposalId, optionId }, label: 'confirm' });
      setEntries((list) => list.map((e) => (e.id === entryId && e.kind === 'assistant' ? { ...e, settled: 'queued' } : e)));
      await flushOutbox();
      const write = await waitForWrite(key, 3000);
      if (write?.state === 'done') {
        const result = write.result as ChatResult;
        setEntries((list) => [
          ...list.map((e) => (e.id === entryId && e.kind === 'assistant' ? { ...e, settled: 'confirmed' as const } : e)),
          { kind: 'result', id: crypto.randomUUID(), text: result.reply, proposalId, ...(result.undoUntil ? { undoUntil: result.undoUntil } : {}) },
        ]);
        onWrite?.();
      } else if (write?.state === 'failed') {
        add({ kind: 'error', id: crypto.randomUUID(), code: 'failed', text: write.error ?? 'The change was refused.' });
      }
    },
    [onWrite],
  );

  /** The user's own version of a proposed new event: written directly, keyed by the proposal so a retry cannot duplicate it. */
  const edit = useCallback(
    async (entryId: string, proposalId: string, event: EventPreview) => {
      const key = `edit:${proposalId}`;
      const body = { calendarId: event.calendarId, title: event.title, start: event.start, end: event.end, attendees: event.attendees, ...(event.location ? { location: event.location } : {}), ...(event.recurrence.length ? { recurrence: event.recurrence, timeZone: event.timeZone } : {}) };
      await enqueue({ id: key, method: 'POST', path: '/api/events', body, label: event.title });
      setEntries((list) => list.map((e) => (e.id === entryId && e.kind === 'assistant' ? { ...e, settled: 'queued' } : e)));
      await flushOutbox();
      const write = await waitForWrite(key, 3000);
      if (write?.state === 'done') {
        const created = write.result as { id: string; title: string };
        setEntries((list) => [
          ...list.map((e) => (e.id === entryId && e.kind === 'assistant' ? { ...e, settled: 'confirmed' as const } : e)),
          { kind: 'result', id: crypto.randomUUID(), text: `✓ ${created.title}`, proposalId, eventId: created.id, undoUntil: new Date(Date.now() + 10 * 60_000).toISOString() },
        ]);
        onWrite?.();
      } else if (write?.state === 'failed') {
        add({ kind: 'error', id: crypto.randomUUID(), code: 'failed', text: write.error ?? 'The change was refused.' });
      }
    },
    [onWrite],
  );

  const dismiss = useCallback((entryId: string) => {
    setEntries((list) => list.map((e) => (e.id === entryId && e.kind === 'assistant' ? { ...e, settled: 'dismissed' } : e)));
  }, []);

  const undo = useCallback(
    async (entryId: string, proposalId: string) => {
      try {
        const entry = entries.find((e) => e.id === entryId);
        // An edited event was written directly: undoing it is deleting it.
        const result =
          entry?.kind === 'result' && entry.eventId
            ? await companion(`/api/events/${encodeURIComponent(entry.eventId)}`, { method: 'DELETE' }).then(() => ({ reply: '↶' }))
            : await companion<ChatResult>('/api/chat/undo', { method: 'POST', body: { proposalId } });
        setEntries((list) => [...list.map((e) => (e.id === entryId && e.kind === 'result' ? { ...e, undone: true } : e)), { kind: 'result', id: crypto.randomUUID(), text: result.reply, proposalId }]);
        onWrite?.();
      } catch (error) {
        add(failure(error));
      }
    },
    [onWrite, entries],
  );

  return { entries, busy, send, confirm, dismiss, undo, edit };
}
