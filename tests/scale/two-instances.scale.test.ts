import { randomBytes } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as delay } from 'node:timers/promises';
import { Queue, QueueEvents } from 'bullmq';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CALLBACK_PATHS } from '../../server/auth/google-authorization.ts';
import { DEMO_CLIENT, type GoogleEmulator } from '../../server/dev/google-emulator/app.ts';
import { EXTENSION_ID } from '../support/companion.ts';
import { startEmulator } from '../support/google-emulator.ts';
import { freshPostgresDatabase, postgresUrl, redisUrl } from '../support/services.ts';
import { freePort, inBatches, RoundRobin, spawnCompanion, stopCompanion, waitReady, type CompanionProcess } from './companion-processes.ts';
import { confirmOnce, confirmWithRetries, proposeEvent, RunFigures, signInOverHttp, type SimulatedUser, type SimulatedWrite } from './simulated-user.ts';

const [pgUrl, redis] = await Promise.all([postgresUrl(), redisUrl()]);

const USERS = 200;
/** Users whose write is forced into the retry queue at the instance about to be killed. */
const VICTIMS = 4;
const WRITES_PER_USER = 5;
const CONCURRENCY = 20;
const FAULT_SHARE = 0.1;
const SETTLE_MS = 60_000;

/**
 * Issue #7's scale suite: two real companion processes on one PostgreSQL and
 * one Redis behind a round-robin load balancer, 200 users signed in over HTTP,
 * chat confirms (some twice at once, all retried by their clients) while the
 * emulator refuses 10% of Calendar calls, every access token expiring while
 * both instances serve its user, and one instance SIGKILLed halfway.
 */
describe.skipIf(!pgUrl || !redis)('two companion processes, 200 users, faults and a SIGKILL', () => {
  let emulator: GoogleEmulator;
  let a: CompanionProcess;
  let b: CompanionProcess;
  let dropDatabase: (() => Promise<void>) | undefined;
  let events: QueueEvents | undefined;
  const prefix = `scale-${randomBytes(4).toString('hex')}`;
  const emails = Array.from({ length: USERS }, (_, i) => `scale-user-${i}@example.com`);
  const stalled = new Set<string>();

  beforeAll(async () => {
    const ports = [await freePort(), await freePort()];
    // Both instances sit behind one address, as behind a load balancer: Google sends the browser back there, and
    // the round-robin client below plays the balancer, so any instance may take the callback.
    const publicUrl = `http://127.0.0.1:${await freePort()}`;
    emulator = await startEmulator({
      seed: { accounts: emails.map((email) => ({ email, timeZone: 'UTC' })) },
      // As main.ts registers the demo client: the callbacks at the public address.
      clients: [{ ...DEMO_CLIENT, redirectUris: Object.values(CALLBACK_PATHS).map((p) => `${publicUrl}${p}`) }],
      faultSeed: 7,
    });
    const database = await freshPostgresDatabase(pgUrl!, 'scale');
    dropDatabase = database.drop;
    const env: Record<string, string> = {
      NODE_ENV: 'test',
      PUBLIC_URL: publicUrl,
      GOOGLE_CLIENT_ID: '',
      GOOGLE_CLIENT_SECRET: '',
      GOOGLE_EMULATOR_URL: emulator.url,
      DATABASE_URL: database.url,
      REDIS_URL: redis!,
      QUEUE_PREFIX: prefix,
      JOBS: 'queue',
      TOKEN_ENCRYPTION_KEY: `s1:${randomBytes(32).toString('base64')}`,
      ALLOWED_EXTENSION_IDS: EXTENSION_ID,
      DATA_DIR: mkdtempSync(join(tmpdir(), 'scale-')),
      WEB_DIR: join(tmpdir(), 'no-dashboard'),
      LOG_LEVEL: 'warn',
      RETRY_WRITES_EVERY_SECONDS: '1',
      RETRY_WRITE_BASE_SECONDS: '1',
      RETRY_WRITE_MAX_ATTEMPTS: '12',
      RETRY_WRITE_LEASE_SECONDS: '5',
      REFRESH_TOKENS_EVERY_SECONDS: '5',
      SYNC_EVERY_SECONDS: '3600',
      CLEANUP_EVERY_SECONDS: '3600',
      QUEUE_STALLED_SECONDS: '2',
      WATCH_CHANNELS: 'off',
      RATE_LIMIT_PER_MINUTE: '100000',
      AUTH_RATE_LIMIT_PER_MINUTE: '100000',
    };
    a = spawnCompanion('a', ports[0]!, env);
    b = spawnCompanion('b', ports[1]!, env);
    await Promise.all([waitReady(a), waitReady(b)]);
    events = new QueueEvents('jobs', { connection: { url: redis! }, prefix });
    events.on('stalled', ({ jobId }) => stalled.add(jobId));
    await events.waitUntilReady();
  }, 90_000);

  afterAll(async () => {
    for (const p of [a, b]) if (p) await stopCompanion(p);
    await events?.close();
    await emulator?.close();
    await dropDatabase?.();
    const queue = new Queue('jobs', { connection: { url: redis! }, prefix });
    await queue.obliterate({ force: true });
    await queue.close();
  }, 30_000);

  it('writes every confirmed event to Google exactly once, loses nothing to the SIGKILL, and refreshes each expired token once', async (context) => {
    context.onTestFailed(() => {
      for (const p of [a, b]) console.log(`--- ${p.name} (tail) ---\n${p.output().slice(-6000)}`);
    });
    const lb = new RoundRobin([a, b]);
    const figures = new RunFigures();
    const users: SimulatedUser[] = emails.map((email) => ({ email, token: '' }));
    const writesOf = (u: SimulatedUser, i: number): SimulatedWrite[] => Array.from({ length: WRITES_PER_USER }, (_, n) => ({ user: u, title: `scale-u${i}-n${n + 1}`, outcome: 'unconfirmed' }));
    const main = users.slice(0, USERS - VICTIMS).map(writesOf);
    // The victims' one write each is forced into the retry queue of the instance about to be killed.
    const victims = users.slice(USERS - VICTIMS).map((u, i) => ({ user: u, title: `scale-victim-${i}`, outcome: 'unconfirmed' }) as SimulatedWrite);
    const allWrites = [...main.flat(), ...victims];

    // 1. Sign-in over HTTP, 20 at a time, each step to the next instance.
    const started = Date.now();
    await inBatches(users, CONCURRENCY, async (u) => {
      u.token = await signInOverHttp(lb, u.email);
    });
    const signInMs = Date.now() - started;

    // 2. 10% of Calendar calls fail: 503, 500 and 429, each with Retry-After 1.
    let faultsInjected = 0;
    const clearFaults = () => {
      faultsInjected += emulator.ctx.faults.list().reduce((n, r) => n + r.hits, 0);
      emulator.ctx.faults.clear();
    };
    const addBackgroundFaults = () => {
      let remaining = 1;
      for (const [status, share] of [[503, FAULT_SHARE * 0.4], [500, FAULT_SHARE * 0.3], [429, FAULT_SHARE * 0.3]] as const) {
        emulator.ctx.faults.add({ kind: 'status', status, retryAfterSec: 1, fraction: share / remaining, match: { operation: 'calendar.' } });
        remaining -= share;
      }
    };
    addBackgroundFaults();

    // 3. Every user proposes and confirms its events; as the first are done every access token expires; halfway, instance a dies.
    const runStarted = Date.now();
    let done = 0;
    let over = false;
    const reached = async (n: number) => {
      for (let i = 0; i < 2400 && done < n && !over; i++) await delay(25);
    };
    const runMain = inBatches(main, CONCURRENCY, async (writes, i) => {
      for (const w of writes) {
        await proposeEvent(lb, w);
        await confirmWithRetries(lb, w, figures, { double: i % 10 === 0, attempts: 6 });
        done++;
      }
    }).finally(() => (over = true));
    const total = main.length * WRITES_PER_USER;

    const tokensBefore = new Map<string, number>();
    const burstStatuses = new Map<number, number>();
    const expiry = (async () => {
      await reached(CONCURRENCY);
      for (const u of users) tokensBefore.set(u.email, emulator.ctx.counters.get('oauth.token', u.email));
      // Google no longer takes any of the tokens the companions hold, as when they run out.
      for (const u of users) emulator.ctx.oauth.expireAccessTokens(emulator.ctx.store.accountByEmail(u.email)!.sub);
      // Each user is served by both instances at once, while its confirms and the refresh-tokens sweep go on.
      await inBatches(users, CONCURRENCY, async (u) => {
        const answers = await Promise.all([0, 1].map((pin) => lb.fetch('/api/calendars', { token: u.token }, pin)));
        for (const r of answers) burstStatuses.set(r.status, (burstStatuses.get(r.status) ?? 0) + 1);
      });
    })();

    // Halfway, the victims' inserts fail every time, so instance a queues them (202); then a is killed, and Google
    // takes them again: the survivor's retry-writes job must finish them (its lease lapses if a died mid-try).
    let doneAtKill = 0;
    let pendingAtKill: string[] = [];
    const kill = (async () => {
      // Not while a refresh is in flight: a token fetched by an instance that dies before saving it is fetched again.
      await Promise.all([reached(total / 2), expiry]);
      for (const v of victims) emulator.ctx.faults.add({ kind: 'status', status: 503, fraction: 1, match: { operation: 'calendar.events.insert', account: v.user.email } });
      await Promise.all(
        victims.map(async (v) => {
          await proposeEvent(lb, v);
          await confirmOnce(lb, v, figures, 0);
        }),
      );
      a.child.kill('SIGKILL');
      figures.killedAt = Date.now();
      doneAtKill = done;
      await a.exited;
      const pending = await Promise.all(victims.map(async (v) => (await lb.fetch('/api/writes', { token: v.user.token })).body.items as Array<{ status: string }>));
      pendingAtKill = victims.filter((_, i) => pending[i]!.some((w) => w.status === 'pending')).map((v) => v.title);
      clearFaults();
      addBackgroundFaults();
    })();
    await Promise.all([runMain, expiry, kill]);
    const runMs = Date.now() - runStarted;

    // 4. Google recovers; every write must settle (the survivor's retry-writes job finishes the queued ones).
    clearFaults();
    const settling = Date.now();
    let unsettled = allWrites.filter((w) => w.outcome !== 'confirmed');
    const unsettledAtClear = unsettled.length;
    while (unsettled.length && Date.now() - settling < SETTLE_MS) {
      await delay(500);
      await inBatches(unsettled, CONCURRENCY, (w) => confirmOnce(lb, w, figures));
      unsettled = allWrites.filter((w) => w.outcome !== 'confirmed');
    }
    const settleMs = Date.now() - settling;

    const retriesLeft = await inBatches(users, CONCURRENCY, async (u) => (await lb.fetch('/api/writes', { token: u.token })).body.items as unknown[]);
    const refreshes = users.map((u) => emulator.ctx.counters.get('oauth.token', u.email) - (tokensBefore.get(u.email) ?? 0));
    const queue = new Queue('jobs', { connection: { url: redis! }, prefix });
    let active = -1;
    for (let i = 0; i < 50 && active !== 0; i++, await delay(200)) active = await queue.getActiveCount();
    const failedJobs = await queue.getFailedCount();
    await queue.close();

    const googleEvents = users.map((u) => [...emulator.ctx.store.eventsOf(u.email).values()].filter((e) => e.resource.status !== 'cancelled'));
    const killedAfter = figures.killedAt - runStarted;
    console.log(
      [
        `scale: ${USERS} users signed in over HTTP in ${signInMs} ms (${CONCURRENCY} at a time, each step to the next instance)`,
        `scale: ${allWrites.length} writes, ${figures.confirmRequests} confirm requests (${figures.doubleConfirms} sent to both instances at once), ${figures.retries} client retries, ${figures.accepted202} answered 202, ${lb.failovers} failovers to the survivor`,
        `scale: confirm statuses ${JSON.stringify(Object.fromEntries(figures.confirmStatuses))}; ${faultsInjected} faults injected by the emulator; run ${runMs} ms`,
        `scale: instance a SIGKILLed ${killedAfter} ms into the run with ${doneAtKill}/${total} writes done; ${figures.confirmsAfterKill} confirms answered after; ${victims.filter((v) => v.queuedAt === 'a').length}/${VICTIMS} writes queued at a, ${pendingAtKill.length} of them still pending then; ${unsettledAtClear} unsettled when faults cleared, all settled ${settleMs} ms later`,
        `scale: token refreshes after expiry: ${refreshes.reduce((x, y) => x + y, 0)} for ${USERS} users (at most ${Math.max(...refreshes)} per user); /api/calendars meanwhile ${JSON.stringify(Object.fromEntries(burstStatuses))}`,
        `scale: jobs taken over from the killed worker (stalled): ${stalled.size}; failed jobs ${failedJobs}; events in Google ${googleEvents.reduce((n, e) => n + e.length, 0)}`,
      ].join('\n'),
    );

    expect(figures.unexpected, 'answers no client should see').toEqual([]);
    expect(figures.killedAt, 'instance a was killed').toBeGreaterThan(0);
    expect(doneAtKill, 'and mid-run').toBeLessThan(total);
    expect(b.alive(), 'the survivor is still up').toBe(true);
    expect(unsettled.map((w) => `${w.title}: ${w.outcome}`), 'every confirm settled').toEqual([]);
    // Each confirmed event is in Google exactly once, and nothing else is.
    const expected = (u: SimulatedUser) => allWrites.filter((w) => w.user === u).map((w) => w.title).sort().join(',');
    expect(users.map((u, i) => `${u.email}: ${googleEvents[i]!.map((e) => e.resource.summary!.toLowerCase()).sort().join(',')}`)).toEqual(users.map((u) => `${u.email}: ${expected(u)}`));
    const held = new Set(googleEvents.flat().map((e) => e.resource.id));
    expect(allWrites.filter((w) => w.eventId && !held.has(w.eventId)).map((w) => w.title), 'the event Google holds is the one the confirm answered with').toEqual([]);
    expect(retriesLeft.flat(), 'nothing pending or dead-lettered').toEqual([]);
    // The writes queued at the killed instance, still pending when it died, were finished by the survivor.
    expect(victims.map((v) => `${v.queuedAt}:${pendingAtKill.includes(v.title)}:${v.outcome}`)).toEqual(victims.map(() => 'a:true:confirmed'));
    expect(refreshes.map((n, i) => `${emails[i]}: ${n}`).filter((s) => !s.endsWith(': 1')), 'exactly one refresh per expired token').toEqual([]);
    expect(burstStatuses.get(401) ?? 0, 'nobody asked to reconnect').toBe(0);
    expect(active, 'no job left active by the killed worker').toBe(0);
  }, 180_000);
});
