/**
 * Incremental sync: time and Google calls for a first (full, paged) sync of
 * 10,000 events and for a delta of 10 changes; then GET /api/events for one
 * week answered from the synced copy against the same week through to Google.
 * Prints figures.
 */
import { performance } from 'node:perf_hooks';
import { syncCalendar } from '../../server/jobs/sync-calendar.ts';
import { bearer, signInExtension, startCompanion } from '../support/companion.ts';
import { startEmulator } from '../support/google-emulator.ts';

const EVENTS = 10_000;
const ROUNDS = 200;
const emulator = await startEmulator();
const companion = await startCompanion(emulator, { kind: 'sqlite' }, { LOG_LEVEL: 'warn', RATE_LIMIT_PER_MINUTE: '100000' });

async function userWithEvents(email: string) {
  const token = await signInExtension(companion, email);
  const account = emulator.ctx.store.accountByEmail(email)!;
  const ids: string[] = [];
  for (let i = 0; i < EVENTS; i++) {
    const start = Date.UTC(2027, 0, 1, 7) + Math.floor(i / 27) * 86_400_000 + (i % 27) * 1_800_000; // a year, 27 a day
    ids.push(emulator.ctx.calendars.insert(account, 'primary', { summary: `Event ${i}`, start: { dateTime: new Date(start).toISOString() }, end: { dateTime: new Date(start + 1_800_000).toISOString() } }).id);
  }
  const userId = (await companion.app.db.selectFrom('users').select('id').where('email', '=', email).executeTakeFirstOrThrow()).id;
  return { token, account, ids, userId };
}

const synced = await userWithEvents('synced@example.com');
const direct = await userWithEvents('direct@example.com');
const lists = () => emulator.ctx.counters.get('calendar.events.list', 'synced@example.com');

let calls = lists();
let t = performance.now();
const full = await syncCalendar(companion.app.db, companion.app.services.calendar, synced.userId, 'primary', Date.now());
const fullMs = performance.now() - t;
const fullCalls = lists() - calls;

for (const id of synced.ids.slice(0, 10)) emulator.ctx.calendars.patch(synced.account, 'primary', id, { summary: 'Changed' });
calls = lists();
t = performance.now();
const delta = await syncCalendar(companion.app.db, companion.app.services.calendar, synced.userId, 'primary', Date.now());
const deltaMs = performance.now() - t;
const deltaCalls = lists() - calls;

console.log(`sync of ${EVENTS} events (one calendar)`);
console.log(`  initial full sync: ${fullMs.toFixed(0)} ms, ${fullCalls} events.list calls, ${full.changed} events stored`);
console.log(`  delta of 10 changes: ${deltaMs.toFixed(1)} ms, ${deltaCalls} events.list call(s), ${delta.changed} events changed`);

const url = await companion.app.listen({ port: 0, host: '127.0.0.1' });
const week = 'from=2027-03-01T00:00:00Z&to=2027-03-08T00:00:00Z';
let weekEvents = 0;
async function time(token: string, expectSource: string | undefined): Promise<number[]> {
  const samples: number[] = [];
  for (let i = 0; i < ROUNDS + 20; i++) {
    const started = performance.now();
    const res = await fetch(`${url}/api/events?${week}`, { headers: bearer(token) });
    const body = (await res.json()) as { source?: string; items: unknown[] };
    if (!res.ok || body.source !== expectSource) throw new Error(`unexpected answer: ${res.status} source=${body.source}`);
    weekEvents = body.items.length;
    if (i >= 20) samples.push(performance.now() - started); // the first 20 warm up
  }
  return samples.sort((a, b) => a - b);
}
const pct = (s: number[], p: number) => s[Math.min(s.length - 1, Math.floor((s.length * p) / 100))]!;
const fromCache = await time(synced.token, 'cache');
const throughGoogle = await time(direct.token, undefined);
console.log(`GET /api/events, one week (${weekEvents} events), ${ROUNDS} calls each over loopback`);
console.log(`  from the synced copy: p50 ${pct(fromCache, 50).toFixed(2)} ms   p99 ${pct(fromCache, 99).toFixed(2)} ms`);
console.log(`  through to Google:    p50 ${pct(throughGoogle, 50).toFixed(2)} ms   p99 ${pct(throughGoogle, 99).toFixed(2)} ms`);
console.log(`  ratio cache/Google:   p50 ${(pct(fromCache, 50) / pct(throughGoogle, 50)).toFixed(2)}x   p99 ${(pct(fromCache, 99) / pct(throughGoogle, 99)).toFixed(2)}x`);
await companion.close();
await emulator.close();
