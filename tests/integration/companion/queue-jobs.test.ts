import { randomBytes } from 'node:crypto';
import { Queue } from 'bullmq';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { GoogleEmulator } from '../../../server/dev/google-emulator/app.ts';
import type { QueueRunner } from '../../../server/jobs/queue-runner.ts';
import { bearer, signInExtension, startCompanion, type Companion } from '../../support/companion.ts';
import { startEmulator } from '../../support/google-emulator.ts';
import { testClock } from '../../support/test-clock.ts';
import { redisUrl } from '../../support/services.ts';

const redis = await redisUrl();

describe.skipIf(!redis)('background jobs on the Redis queue (BullMQ)', () => {
  const prefix = `test-${randomBytes(4).toString('hex')}`;
  // Long intervals: the schedules exist, but only the jobs a test enqueues run during its assertions.
  const env = { JOBS: 'queue', REDIS_URL: redis!, QUEUE_PREFIX: prefix, REFRESH_TOKENS_EVERY_SECONDS: '86400', CLEANUP_EVERY_SECONDS: '86400', SYNC_EVERY_SECONDS: '86400', RETRY_WRITES_EVERY_SECONDS: '86400' };
  let emulator: GoogleEmulator;
  let a: Companion;
  let b: Companion;
  const clock = testClock(() => emulator);
  const { now, advance } = clock;
  beforeAll(async () => {
    emulator = await startEmulator();
    a = await startCompanion(emulator, { kind: 'sqlite' }, env, { now });
    b = await startCompanion(emulator, { kind: 'sqlite' }, env, { now });
  });
  afterAll(async () => {
    await a?.close();
    await b?.close();
    await emulator?.close();
    const queue = new Queue('jobs', { connection: { url: redis! }, prefix });
    await queue.obliterate({ force: true });
    await queue.close();
  });

  it('registers each schedule once however many instances start', async () => {
    await Promise.all([a, b].map((c) => (c.app.jobs as QueueRunner).scheduled()));
    const queue = new Queue('jobs', { connection: { url: redis! }, prefix });
    const schedulers = await queue.getJobSchedulers();
    await queue.close();
    expect(schedulers.map((s) => s.key).sort()).toEqual(['cleanup', 'refresh-tokens', 'retry-writes', 'sync-calendars']);
    expect(schedulers.every((s) => Number(s.every) === 86_400_000)).toBe(true);
  });

  it('runs a job through the queue and returns its summary', async () => {
    // Only one instance, so whichever worker takes the job sees the same database.
    await b.close();
    const token = await signInExtension(a, 'queued@example.com');
    advance(3600_000 - 5 * 60_000);
    const before = emulator.ctx.counters.get('oauth.token', 'queued@example.com');
    const summary = await a.app.jobs.run('refresh-tokens');
    expect(summary.refreshed).toBe(1);
    expect(emulator.ctx.counters.get('oauth.token', 'queued@example.com')).toBe(before + 1);
    expect((await a.app.inject({ url: '/api/calendars', headers: bearer(token) })).statusCode).toBe(200);
  });

  it('fans a sync sweep out into one task per calendar that a worker runs, and the copy serves the events', async () => {
    clock.reset(); // sign-in checks ID tokens against the real clock
    const token = await signInExtension(a, 'fanout@example.com');
    const summary = await a.app.jobs.run('sync-calendars');
    expect(summary.queued).toBeGreaterThanOrEqual(2); // this user's primary calendar and the earlier one's
    const synced = () => a.app.db.selectFrom('calendar_sync').select('user_id').execute();
    await expect.poll(async () => (await synced()).length, { timeout: 10_000 }).toBe(summary.queued);
    // Queued again and again while one waits: the same calendar is not synced more often for it.
    const lists = () => emulator.ctx.counters.get('calendar.events.list', 'fanout@example.com');
    const before = lists();
    const { id: userId } = await a.app.db.selectFrom('users').select('id').where('email', '=', 'fanout@example.com').executeTakeFirstOrThrow();
    await Promise.all(Array.from({ length: 5 }, () => a.app.jobs.enqueue('sync-calendar', { userId, calendarId: 'primary' }, { dedupeKey: 'sync:fanout:primary' })));
    await expect.poll(async () => lists() - before, { timeout: 10_000 }).toBeGreaterThanOrEqual(1);
    await new Promise((r) => setTimeout(r, 300));
    expect(lists() - before).toBeLessThanOrEqual(2); // one running, at most one more with the newest data
    const week = `from=${new Date(now()).toISOString()}&to=${new Date(now() + 7 * 86_400_000).toISOString()}`;
    const res = await a.app.inject({ url: `/api/events?${week}`, headers: bearer(token) });
    expect(res.json(), res.body).toMatchObject({ source: 'cache' });
  });

  it('reports the queue in readiness', async () => {
    const res = await a.app.inject({ url: '/readyz' });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ ok: true, checks: { database: true, queue: true } });
  });

  it('fails loudly at start when JOBS=queue has no REDIS_URL', async () => {
    await expect(startCompanion(emulator, { kind: 'sqlite' }, { JOBS: 'queue' })).rejects.toThrow(/REDIS_URL/);
  });
});

describe('the job queue while Redis is away', () => {
  it('starts anyway, reports not ready (503) naming the queue, logs the outage once, and closes promptly', async () => {
    const emulator = await startEmulator();
    // Port 1: nothing listens there, so every connection is refused.
    const c = await startCompanion(emulator, { kind: 'sqlite' }, { JOBS: 'queue', REDIS_URL: 'redis://127.0.0.1:1' });
    try {
      const res = await c.app.inject({ url: '/readyz' });
      expect(res.statusCode).toBe(503);
      expect(res.json()).toEqual({ ok: false, checks: { database: true, queue: false } });
      expect((await c.app.inject({ url: '/healthz' })).statusCode).toBe(200);
      expect(c.log.lines.filter((l) => l.includes('Redis unreachable')).length).toBe(1);
    } finally {
      const closing = Date.now();
      await c.close();
      expect(Date.now() - closing).toBeLessThan(5000);
      await emulator.close();
    }
  });
});
