import type { CompanionError } from './api.ts';
import { companion } from './api.ts';
import { db, type OutboxWrite } from './local-db.ts';

export async function enqueue(write: Pick<OutboxWrite, 'id' | 'method' | 'path' | 'body' | 'label'>): Promise<OutboxWrite> {
  const existing = await db.outbox.get(write.id);
  if (existing) return existing;
  const row: OutboxWrite = { ...write, state: 'pending', attempts: 0, nextAttemptAt: Date.now(), createdAt: Date.now() };
  await db.outbox.put(row);
  return row;
}

/**
 * Sends what is due; backs off exponentially (with jitter) on failures worth retrying, gives up on a refusal.
 * `everything` ignores the backoff: the network just came back.
 */
export async function flushOutbox(options: { everything?: boolean } = {}): Promise<void> {
  const now = Date.now();
  const due = await db.outbox.where('state').equals('pending').filter((w) => options.everything === true || w.nextAttemptAt <= now).toArray();
  for (const w of due) {
    try {
      const result = await companion(w.path, { method: w.method, body: w.body, idempotencyKey: w.id });
      await db.outbox.update(w.id, { state: 'done', result, attempts: w.attempts + 1 });
    } catch (error) {
      const e = error as CompanionError;
      const retry = e.code === 'offline' || e.status === 429 || e.status >= 500 || e.code === 'request_in_progress';
      const attempts = w.attempts + 1;
      const backoff = Math.min(15 * 60_000, 2_000 * 2 ** Math.min(attempts, 9)) * (0.5 + Math.random() / 2);
      await db.outbox.update(w.id, retry ? { attempts, nextAttemptAt: now + backoff, error: e.message } : { state: 'failed', attempts, error: e.message });
    }
  }
}

export async function waitForWrite(id: string, timeoutMs = 10_000): Promise<OutboxWrite | undefined> {
  const started = Date.now();
  for (;;) {
    const w = await db.outbox.get(id);
    if (!w || w.state !== 'pending' || Date.now() - started > timeoutMs) return w;
    await new Promise((r) => setTimeout(r, 200));
  }
}
