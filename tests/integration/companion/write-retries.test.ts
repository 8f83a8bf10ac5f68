import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { SettledEvent } from '../../../server/assistant/proposal-executor.ts';
import { writeRetryDelayMs } from '../../../server/assistant/write-retry-policy.ts';
import { claimDueWriteRetry, recordWriteAttempt } from '../../../server/db/repositories/write-retries.ts';
import type { GoogleEmulator } from '../../../server/dev/google-emulator/app.ts';
import type { FaultRuleInput } from '../../../server/dev/google-emulator/faults.ts';
import type { ChatReply, ChatResult } from '../../../shared/schemas/chat.ts';
import type { WriteRetry } from '../../../shared/schemas/write-retries.ts';
import { bearer, sharedDeployment, signInExtension, startCompanion, type Companion } from '../../support/companion.ts';
import { startEmulator } from '../../support/google-emulator.ts';
import { testClock } from '../../support/test-clock.ts';
import { databases } from './databases.ts';

const MAX_ATTEMPTS = 4;
const BASE_SECONDS = 5;

describe('the backoff between tries of a queued write', () => {
  const policy = { maxAttempts: 8, baseDelayMs: 5000, maxDelayMs: 900_000 };
  it.each([
    [1, 0, 0, 2500],
    [1, 0, 0.5, 3750],
    [3, 0, 0, 10_000],
    [3, 0, 0.5, 15_000],
    [12, 0, 0, 450_000],
    [12, 0, 0.5, 675_000],
    [1, 120_000, 0.999, 120_000],
  ])('try %i after Retry-After %i ms with jitter %d waits %i ms', (attempt, retryAfter, random, expected) => {
    expect(writeRetryDelayMs(attempt, retryAfter, policy, () => random)).toBe(expected);
  });
});

describe.each(await databases())('writes Google refused for now, retried in the background (%s)', (_name, database) => {
  let emulator: GoogleEmulator;
  let a: Companion;
  let b: Companion;
  let token: string;
  let dropDatabase: (() => Promise<void>) | undefined;
  const email = 'retry@example.com';
  const clock = testClock(() => emulator);
  const settled: SettledEvent[] = [];
  beforeAll(async () => {
    emulator = await startEmulator({ seed: { accounts: [{ email, timeZone: 'Europe/Berlin', events: [
      { id: 'rtr00000001', summary: 'Dentist', start: { dateTime: '2027-01-14T10:00:00+01:00' }, end: { dateTime: '2027-01-14T11:00:00+01:00' } },
      { id: 'rtr00000002', summary: 'Weekly sync', start: { dateTime: '2027-01-04T10:00:00', timeZone: 'Europe/Berlin' }, end: { dateTime: '2027-01-04T10:30:00', timeZone: 'Europe/Berlin' }, recurrence: ['RRULE:FREQ=WEEKLY;BYDAY=MO;COUNT=8'] },
      { id: 'rtr00000003', summary: 'Weekly review', start: { dateTime: '2027-01-04T10:00:00', timeZone: 'Europe/Berlin' }, end: { dateTime: '2027-01-04T10:30:00', timeZone: 'Europe/Berlin' }, recurrence: ['RRULE:FREQ=WEEKLY;BYDAY=MO;COUNT=8'] },
    ] }] } });
    // Two instances on one database, as behind a load balancer: a queued write must be tried by one of them at a time.
    const shared = await sharedDeployment(database, 'retries');
    dropDatabase = shared.drop;
    const env = { ...shared.env, RETRY_WRITE_MAX_ATTEMPTS: String(MAX_ATTEMPTS), RETRY_WRITE_BASE_SECONDS: String(BASE_SECONDS) };
    a = await startCompanion(emulator, { kind: 'sqlite' }, env, { now: clock.now });
    b = await startCompanion(emulator, { kind: 'sqlite' }, env, { now: clock.now });
    for (const c of [a, b]) c.app.services.proposals.onSettled((e) => settled.push(e));
    token = await signInExtension(a, email);
  });
  afterAll(async () => {
    await a?.close();
    await b?.close();
    await dropDatabase?.();
    await emulator?.close();
  });
  beforeEach(() => {
    emulator.ctx.faults.clear();
    settled.length = 0;
  });

  const fault = (rule: FaultRuleInput) => emulator.ctx.faults.add(rule);
  const say = async (text: string): Promise<ChatReply> => {
    const res = await a.app.inject({ method: 'POST', url: '/api/chat/message', headers: bearer(token), payload: { text } });
    expect(res.statusCode, res.body).toBe(200);
    return res.json();
  };
  const confirm = async (c: Companion, proposalId: string, optionId = '0') => {
    const res = await c.app.inject({ method: 'POST', url: '/api/chat/confirm', headers: bearer(token), payload: { proposalId, optionId } });
    return { status: res.statusCode, body: res.json() as ChatResult };
  };
  const writes = async (): Promise<WriteRetry[]> => (await a.app.inject({ url: '/api/writes', headers: bearer(token) })).json().items;
  const live = (summary: string) => [...emulator.ctx.store.eventsOf(email).values()].filter((e) => e.resource.summary === summary && e.resource.status !== 'cancelled');
  const inserts = () => emulator.ctx.counters.get('calendar.events.insert', email);
  /** Both instances sweep at the same moment, as their timers would. */
  const sweep = async () => {
    const [x, y] = await Promise.all([a.app.jobs.run('retry-writes'), b.app.jobs.run('retry-writes')]);
    return { due: x!.due! + y!.due!, done: x!.done! + y!.done!, later: x!.later! + y!.later!, dead: x!.dead! + y!.dead! };
  };

  it('answers 202 and queues a create Google keeps refusing, then writes it exactly once when Google is back', async () => {
    const proposal = await say('lunch with anna@example.com on January 12 2027 at 1pm');
    fault({ kind: 'status', status: 503, count: 1000, match: { operation: 'calendar.events.insert' } });
    const first = await confirm(a, proposal.proposal!.id);
    expect(first.status).toBe(202);
    expect(first.body).toMatchObject({ status: 'queued', proposalId: proposal.proposal!.id, retry: { attempts: 1, lastError: 'upstream_unavailable' } });
    expect(first.body.reply).toMatch(/keep trying/);
    // Confirming again (from the other instance) neither writes nor queues a second time.
    const again = await confirm(b, proposal.proposal!.id);
    expect(again.status).toBe(202);
    expect(again.body.retry?.id).toBe(first.body.retry?.id);
    expect(await writes()).toMatchObject([{ id: first.body.retry!.id, status: 'pending', attempts: 1, label: expect.stringContaining('Lunch with Anna') }]);

    // Not due before its backoff has passed.
    expect((await sweep()).due).toBe(0);
    clock.advance(BASE_SECONDS * 1000 + 1);
    expect(await sweep()).toMatchObject({ due: 1, later: 1 });
    expect((await writes())[0]).toMatchObject({ attempts: 2 });

    emulator.ctx.faults.clear();
    clock.advance(2 * BASE_SECONDS * 1000 + 1);
    const before = inserts();
    expect(await sweep()).toMatchObject({ due: 1, done: 1 });
    expect(inserts()).toBe(before + 1);
    expect(live('Lunch with Anna')).toHaveLength(1);
    expect(await writes()).toEqual([]);
    expect(settled).toMatchObject([{ outcome: 'confirmed', proposalId: proposal.proposal!.id, result: { status: 'confirmed' } }]);
    // Now it is an ordinary confirmed proposal: confirming replays, undo removes it.
    const replay = await confirm(b, proposal.proposal!.id);
    expect(replay).toMatchObject({ status: 200, body: { status: 'confirmed' } });
    const undo = await a.app.inject({ method: 'POST', url: '/api/chat/undo', headers: bearer(token), payload: { proposalId: proposal.proposal!.id } });
    expect(undo.statusCode, undo.body).toBe(200);
    expect(live('Lunch with Anna')).toHaveLength(0);
  });

  it('lets another instance finish a write whose instance died mid-try, once the lease lapses; the late outcome changes nothing', async () => {
    const proposal = await say('planning session on January 19 2027 at 10am');
    fault({ kind: 'status', status: 503, count: 1000, match: { operation: 'calendar.events.insert' } });
    expect((await confirm(a, proposal.proposal!.id)).status).toBe(202);
    clock.advance(BASE_SECONDS * 1000 + 1);
    // An instance takes the write for a try, and dies before it records how the try went.
    const taken = (await claimDueWriteRetry(a.app.db, clock.now(), a.app.services.proposals.retryLeaseMs))!;
    expect(taken.lease_until! - clock.now()).toBeGreaterThan(59_000);
    expect((await sweep()).due).toBe(0);
    emulator.ctx.faults.clear();
    clock.advance(60_001);
    expect(await sweep()).toMatchObject({ due: 1, done: 1 });
    expect(live('Planning session')).toHaveLength(1);
    // Had it only been slow, what it records now is fenced off by the lease it no longer holds.
    const late = await recordWriteAttempt(a.app.db, taken.user_id, taken.id, { status: 'pending', attempts: 2, nextAttemptAt: clock.now(), lastError: 'upstream_unavailable' }, clock.now(), taken.lease_until);
    expect(late).toBe(false);
    expect(await writes()).toEqual([]);
    expect((await sweep()).due).toBe(0);
    expect(settled.filter((e) => e.proposalId === proposal.proposal!.id)).toMatchObject([{ outcome: 'confirmed' }]);
  });

  it("waits at least as long as Google's Retry-After", async () => {
    const proposal = await say('team dinner on January 13 2027 at 7pm');
    fault({ kind: 'status', status: 429, retryAfterSec: 120, count: 1000, match: { operation: 'calendar.events.insert' } });
    const queued = await confirm(a, proposal.proposal!.id);
    expect(queued.status).toBe(202);
    expect(Date.parse(queued.body.retry!.nextAttemptAt) - clock.now()).toBeGreaterThanOrEqual(119_000);
    clock.advance(60_000);
    expect((await sweep()).due).toBe(0);
    emulator.ctx.faults.clear();
    clock.advance(61_000);
    expect(await sweep()).toMatchObject({ due: 1, done: 1 });
    expect(live('Team dinner')).toHaveLength(1);
  });

  it('gives up after the last try, shows the dead letter, and tries again from the start when asked', async () => {
    const proposal = await say('board meeting on January 15 2027 at 9am');
    fault({ kind: 'status', status: 500, count: 10_000, match: { operation: 'calendar.events.insert' } });
    expect((await confirm(a, proposal.proposal!.id)).status).toBe(202);
    for (let attempt = 2; attempt <= MAX_ATTEMPTS; attempt++) {
      clock.advance(16 * BASE_SECONDS * 1000);
      expect(await sweep()).toMatchObject({ due: 1, [attempt === MAX_ATTEMPTS ? 'dead' : 'later']: 1 });
    }
    clock.advance(3_600_000);
    expect((await sweep()).due).toBe(0);
    const [dead] = await writes();
    expect(dead).toMatchObject({ status: 'dead', attempts: MAX_ATTEMPTS, lastError: 'upstream_unavailable' });
    expect(dead!.nextAttemptAt).toBeUndefined();
    expect(settled).toMatchObject([{ outcome: 'failed', error: 'upstream_unavailable', reply: expect.stringContaining('could not save') }]);
    expect(await confirm(a, proposal.proposal!.id)).toMatchObject({ status: 200, body: { status: 'failed' } });
    expect(live('Board meeting')).toHaveLength(0);

    emulator.ctx.faults.clear();
    const retry = await b.app.inject({ method: 'POST', url: `/api/writes/${dead!.id}/retry`, headers: bearer(token) });
    expect(retry.statusCode).toBe(202);
    await expect.poll(async () => live('Board meeting').length).toBe(1);
    // The event is in Google a moment before the companion records the try as done.
    await expect.poll(writes).toEqual([]);
    // A write that is not dead cannot be revived or dismissed.
    expect((await a.app.inject({ method: 'POST', url: `/api/writes/${dead!.id}/retry`, headers: bearer(token) })).statusCode).toBe(404);
  });

  it('lets the user dismiss a dead letter, and never shows one to another user', async () => {
    const proposal = await say('call with the bank on January 18 2027 at 4pm');
    fault({ kind: 'status', status: 503, count: 10_000, match: { operation: 'calendar.events.insert' } });
    await confirm(a, proposal.proposal!.id);
    for (let attempt = 2; attempt <= MAX_ATTEMPTS; attempt++) {
      clock.advance(16 * BASE_SECONDS * 1000);
      await sweep();
    }
    const [dead] = await writes();
    expect(dead?.status).toBe('dead');
    clock.reset(); // sign-in checks ID tokens against the real clock
    const other = await signInExtension(a, 'someone-else@example.com');
    expect((await a.app.inject({ url: '/api/writes', headers: bearer(other) })).json().items).toEqual([]);
    expect((await a.app.inject({ method: 'DELETE', url: `/api/writes/${dead!.id}`, headers: bearer(other) })).statusCode).toBe(404);
    expect((await a.app.inject({ method: 'DELETE', url: `/api/writes/${dead!.id}`, headers: bearer(token) })).statusCode).toBe(204);
    expect(await writes()).toEqual([]);
    expect((await a.app.inject({ method: 'DELETE', url: '/api/writes/not-a-uuid', headers: bearer(token) })).json()).toMatchObject({ error: 'invalid_request', field: 'params.id' });
  });

  it('lets the user call off a write still waiting, unless it is being tried this moment', async () => {
    const proposal = await say('haircut on January 19 2027 at 5pm');
    fault({ kind: 'status', status: 503, count: 1000, match: { operation: 'calendar.events.insert' } });
    const queued = await confirm(a, proposal.proposal!.id);
    const id = queued.body.retry!.id;
    // Held by a sweep right now (its lease): not withdrawn under it.
    await a.app.db.updateTable('write_retries').set({ lease_until: clock.now() + 60_000 }).where('id', '=', id).execute();
    expect((await a.app.inject({ method: 'DELETE', url: `/api/writes/${id}`, headers: bearer(token) })).statusCode).toBe(409);
    await a.app.db.updateTable('write_retries').set({ lease_until: null }).where('id', '=', id).execute();
    expect((await a.app.inject({ method: 'DELETE', url: `/api/writes/${id}`, headers: bearer(token) })).statusCode).toBe(204);
    emulator.ctx.faults.clear();
    clock.advance(16 * BASE_SECONDS * 1000);
    expect((await sweep()).due).toBe(0);
    expect(live('Haircut')).toHaveLength(0);
    expect((await confirm(a, proposal.proposal!.id)).status).toBe(409); // already cancelled
    expect(await writes()).toEqual([]);
  });

  it.each([
    ['making the new series', 'calendar.events.insert', 'weekly sync'],
    ['cutting the old series', 'calendar.events.patch', 'weekly review'],
  ])('never loses occurrences when "this and following" fails at %s and is tried again', async (_step, operation, title) => {
    const proposal = await say(`move the ${title} on January 18 2027 to 11am`);
    expect(proposal.proposal?.kind).toBe('choose_scope');
    fault({ kind: 'status', status: 503, count: 1000, match: { operation } });
    expect((await confirm(a, proposal.proposal!.id, '1')).status).toBe(202);
    const name = title.replace(/^w/, 'W');
    const occurrences = async () => {
      const res = await a.app.inject({ url: '/api/events?from=2027-01-04T00:00:00Z&to=2027-03-01T00:00:00Z', headers: bearer(token) });
      return (res.json().items as Array<{ title: string; start: string }>).filter((e) => e.title === name).map((e) => e.start);
    };
    emulator.ctx.faults.clear();
    // Meanwhile every Monday still has its meeting: none is missing.
    const during = await occurrences();
    for (const day of ['01-04', '01-11', '01-18', '01-25', '02-22']) expect(during.some((s) => s.startsWith(`2027-${day}`)), day).toBe(true);
    clock.advance(16 * BASE_SECONDS * 1000);
    expect(await sweep()).toMatchObject({ due: 1, done: 1 });
    expect(await occurrences()).toEqual(['2027-01-04T10:00:00+01:00', '2027-01-11T10:00:00+01:00', '2027-01-18T11:00:00+01:00', '2027-01-25T11:00:00+01:00', '2027-02-01T11:00:00+01:00', '2027-02-08T11:00:00+01:00', '2027-02-15T11:00:00+01:00', '2027-02-22T11:00:00+01:00']);
  });

  it('marks the proposal stale instead of overwriting a change made in Google while the write waited', async () => {
    const proposal = await say('move the dentist on January 14 2027 to 2pm');
    expect(proposal.proposal?.options[0]?.targetEtag).toBeTruthy();
    fault({ kind: 'status', status: 503, count: 1000, match: { operation: 'calendar.events.patch' } });
    expect((await confirm(a, proposal.proposal!.id)).status).toBe(202);
    emulator.ctx.faults.clear();
    const account = emulator.ctx.store.accountByEmail(email)!;
    emulator.ctx.calendars.patch(account, 'primary', 'rtr00000001', { summary: 'Dentist (moved by the practice)' });
    clock.advance(16 * BASE_SECONDS * 1000);
    expect(await sweep()).toMatchObject({ due: 1, dead: 1 });
    expect(await writes()).toMatchObject([{ status: 'dead', lastError: 'conflict' }]);
    expect(settled).toMatchObject([{ outcome: 'stale', error: 'conflict' }]);
    expect(live('Dentist (moved by the practice)')[0]?.resource.start?.dateTime).toMatch(/T10:00:00/);
  });
});
