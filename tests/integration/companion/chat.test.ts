import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { GoogleEmulator } from '../../../server/dev/google-emulator/app.ts';
import type { ChatReply, ChatResult } from '../../../shared/schemas/chat.ts';
import { bearer, signInExtension, startCompanion, type Companion } from '../../support/companion.ts';
import { startEmulator } from '../../support/google-emulator.ts';
import { databases } from './databases.ts';

const NOW = Date.parse('2026-11-25T10:00:00+01:00'); // a Wednesday in Berlin
const ZONE = 'Europe/Berlin';

describe.each(await databases())('the assistant dialogue (%s)', (_name, database) => {
  let emulator: GoogleEmulator;
  let c: Companion;
  let token: string;
  const email = 'chat@example.com';
  beforeAll(async () => {
    emulator = await startEmulator({
      seed: {
        accounts: [
          {
            email,
            timeZone: ZONE,
            events: [
              { id: 'standup0001', summary: 'Team standup', start: { dateTime: '2026-11-02T09:30:00', timeZone: ZONE }, end: { dateTime: '2026-11-02T09:45:00', timeZone: ZONE }, recurrence: ['RRULE:FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR'] },
              { id: 'rev00000001', summary: 'Design review', start: { dateTime: '2026-11-26T15:00:00+01:00' }, end: { dateTime: '2026-11-26T16:00:00+01:00' } },
              { id: 'rev00000002', summary: 'Budget review', start: { dateTime: '2026-11-27T11:00:00+01:00' }, end: { dateTime: '2026-11-27T12:00:00+01:00' } },
            ],
          },
        ],
      },
    });
    c = await startCompanion(emulator, database, {}, { now: () => NOW });
    token = await signInExtension(c, email);
  });
  afterAll(async () => {
    await c?.close();
    await emulator?.close();
  });

  const say = async (text: string): Promise<ChatReply> => {
    const res = await c.app.inject({ method: 'POST', url: '/api/chat/message', headers: bearer(token), payload: { text } });
    expect(res.statusCode, res.body).toBe(200);
    return res.json();
  };
  const confirm = async (proposalId: string, optionId = '0'): Promise<ChatResult> => {
    const res = await c.app.inject({ method: 'POST', url: '/api/chat/confirm', headers: bearer(token), payload: { proposalId, optionId } });
    expect(res.statusCode, res.body).toBe(200);
    return res.json();
  };
  const undo = async (): Promise<ChatResult> => {
    const res = await c.app.inject({ method: 'POST', url: '/api/chat/undo', headers: bearer(token), payload: {} });
    expect(res.statusCode, res.body).toBe(200);
    return res.json();
  };
  const live = (summary: string) => [...emulator.ctx.store.eventsOf(email).values()].filter((e) => e.resource.summary === summary && e.resource.status !== 'cancelled');

  it('proposes, creates exactly once however often confirmed, moves, cancels and undoes', async () => {
    const proposal = await say('lunch with anna@example.com tomorrow at 1pm');
    expect(proposal.proposal?.kind).toBe('confirm');
    expect(proposal.proposal?.options[0]?.event).toMatchObject({ title: 'Lunch with Anna', start: '2026-11-26T13:00:00+01:00', end: '2026-11-26T14:00:00+01:00', attendees: ['anna@example.com'] });
    expect(proposal.reply).toMatch(/Create “Lunch with Anna”/);
    expect(live('Lunch with Anna')).toHaveLength(0); // nothing written before confirming

    const first = await confirm(proposal.proposal!.id);
    const second = await confirm(proposal.proposal!.id);
    expect(second).toEqual(first);
    expect(live('Lunch with Anna')).toHaveLength(1);

    const move = await say('move it to 2');
    expect(move.proposal?.options[0]).toMatchObject({ action: 'modify', event: { start: '2026-11-26T14:00:00+01:00', end: '2026-11-26T15:00:00+01:00' } });
    await confirm(move.proposal!.id);
    expect(live('Lunch with Anna')[0]!.resource.start).toMatchObject({ dateTime: '2026-11-26T14:00:00+01:00' });

    const cancel = await say('cancel lunch tomorrow');
    expect(cancel.proposal?.options[0]?.action).toBe('cancel');
    await confirm(cancel.proposal!.id);
    expect(live('Lunch with Anna')).toHaveLength(0);

    expect((await undo()).status).toBe('undone');
    expect(live('Lunch with Anna')).toHaveLength(1);
    expect(live('Lunch with Anna')[0]!.resource.start).toMatchObject({ dateTime: '2026-11-26T14:00:00+01:00' });
  });

  it("skips only tomorrow's standup", async () => {
    const reply = await say("skip tomorrow's standup");
    expect(reply.proposal?.options[0]).toMatchObject({ action: 'cancel', scope: 'instance', targetEventId: 'standup0001_20261126T083000Z' });
    await confirm(reply.proposal!.id);
    const week = await c.app.inject({ url: '/api/events?from=2026-11-25T00:00:00%2B01:00&to=2026-11-28T00:00:00%2B01:00&q=standup', headers: bearer(token) });
    expect(week.json().items.map((e: { start: string }) => e.start)).toEqual(['2026-11-25T09:30:00+01:00', '2026-11-27T09:30:00+01:00']);
  });

  it('asks which occurrences when a series is changed, and moves them all on "all events"', async () => {
    const reply = await say('move the standup on friday to 10am');
    expect(reply.proposal?.kind).toBe('choose_scope');
    expect(reply.proposal?.options.map((o) => o.scope)).toEqual(['instance', 'following', 'series']);
    await confirm(reply.proposal!.id, '2');
    const next = await c.app.inject({ url: '/api/events?from=2026-11-30T00:00:00%2B01:00&to=2026-12-01T00:00:00%2B01:00&q=standup', headers: bearer(token) });
    expect(next.json().items[0].start).toBe('2026-11-30T10:00:00+01:00');
  });

  it('ends a series from the next occurrence on "cancel all future standups", and undo joins it back', async () => {
    const reply = await say('cancel all future standups');
    expect(reply.proposal?.kind).toBe('confirm');
    expect(reply.proposal?.options[0]).toMatchObject({ action: 'cancel', scope: 'following' });
    await confirm(reply.proposal!.id);
    const standups = async () => (await c.app.inject({ url: '/api/events?from=2026-11-20T00:00:00%2B01:00&to=2026-12-10T00:00:00%2B01:00&q=standup', headers: bearer(token) })).json().items as Array<{ start: string }>;
    const left = await standups();
    expect(left.length).toBeGreaterThan(0);
    expect(left.every((e) => Date.parse(e.start) < NOW + 86_400_000)).toBe(true);
    await undo();
    expect((await standups()).some((e) => e.start.startsWith('2026-12-09'))).toBe(true);
  });

  it('marks a proposal stale instead of applying it when the event changed in Google meanwhile', async () => {
    const reply = await say('move the budget review to 4pm');
    expect(reply.proposal?.options[0]).toMatchObject({ action: 'modify', targetEventId: 'rev00000002' });
    const account = emulator.ctx.store.accountByEmail(email)!;
    emulator.ctx.calendars.patch(account, 'primary', 'rev00000002', { location: 'Room 7' });
    const res = await c.app.inject({ method: 'POST', url: '/api/chat/confirm', headers: bearer(token), payload: { proposalId: reply.proposal!.id } });
    expect(res.statusCode).toBe(409);
    expect(res.json()).toMatchObject({ error: 'conflict' });
    const event = emulator.ctx.store.eventsOf(email).get('rev00000002')!.resource;
    expect(event.location).toBe('Room 7');
    expect(event.start.dateTime).toBe('2026-11-27T11:00:00+01:00');
    const again = await c.app.inject({ method: 'POST', url: '/api/chat/confirm', headers: bearer(token), payload: { proposalId: reply.proposal!.id } });
    expect(again.json().message).toMatch(/stale/);
  });

  it('asks which event when several match', async () => {
    const reply = await say('cancel the review');
    expect(reply.proposal?.kind).toBe('choose_event');
    expect(reply.proposal?.options.map((o) => o.targetEventId).sort()).toEqual(['rev00000001', 'rev00000002']);
  });

  it('offers free slots for an open time and books the one chosen', async () => {
    const reply = await say('coffee with ben sometime thursday afternoon');
    const options = reply.proposal!.options;
    expect(options.length).toBeGreaterThanOrEqual(1);
    expect(options.length).toBeLessThanOrEqual(3);
    for (const o of options) {
      expect(Date.parse(o.event.start!)).toBeGreaterThanOrEqual(Date.parse('2026-11-26T12:00:00+01:00'));
      expect(Date.parse(o.event.end!)).toBeLessThanOrEqual(Date.parse('2026-11-26T17:00:00+01:00'));
      // The design review is 15:00–16:00 that day.
      expect(Date.parse(o.event.end!) <= Date.parse('2026-11-26T15:00:00+01:00') || Date.parse(o.event.start!) >= Date.parse('2026-11-26T16:00:00+01:00')).toBe(true);
    }
    await confirm(reply.proposal!.id, String(options.length - 1));
    expect(live(options.at(-1)!.event.title)).toHaveLength(1);
    expect(options[0]!.event.title).toBe('Coffee with ben');
  });

  it('asks for a missing time and merges the answer', async () => {
    const ask = await say('dinner with Carla');
    expect(ask.awaiting).toBe('time');
    expect(ask.reply).toContain('When should “Dinner with Carla” be?');
    const reply = await say('tomorrow at 7pm');
    expect(reply.proposal?.options[0]?.event).toMatchObject({ title: 'Dinner with Carla', start: '2026-11-26T19:00:00+01:00' });
  });

  it('answers availability and listing questions without proposing anything', async () => {
    const free = await say('when am I free tomorrow afternoon?');
    expect(free.proposal).toBeUndefined();
    expect(free.free?.[0]).toEqual({ start: '2026-11-26T12:00:00+01:00', end: '2026-11-26T14:00:00+01:00' });
    const list = await say("what's on my calendar on friday");
    expect(list.events?.map((e) => e.title)).toEqual(expect.arrayContaining(['Budget review']));
  });

  it('speaks German and Japanese back', async () => {
    const de = await c.app.inject({ method: 'POST', url: '/api/chat/message', headers: bearer(token), payload: { text: 'Mittagessen mit Anna morgen um 13 Uhr' } });
    const deReply = de.json() as ChatReply;
    expect(deReply.language).toBe('de');
    expect(deReply.reply).toMatch(/anlegen\?$/);
    expect(deReply.proposal?.options[0]?.event.start).toBe('2026-11-26T13:00:00+01:00');
    const ja = (await c.app.inject({ method: 'POST', url: '/api/chat/message', headers: bearer(token), payload: { text: '明日の15時に会議' } })).json() as ChatReply;
    expect(ja.language).toBe('ja');
    expect(ja.reply).toMatch(/作成しますか？$/);
    expect(ja.proposal?.options[0]?.event.start).toBe('2026-11-26T15:00:00+01:00');
  });

  it('refuses to confirm a proposal of another user, and an option that does not exist', async () => {
    const reply = await say('gym tomorrow at 6pm');
    const other = await signInExtension(c, 'intruder@example.com');
    const res = await c.app.inject({ method: 'POST', url: '/api/chat/confirm', headers: bearer(other), payload: { proposalId: reply.proposal!.id } });
    expect(res.statusCode).toBe(404);
    const bad = await c.app.inject({ method: 'POST', url: '/api/chat/confirm', headers: bearer(token), payload: { proposalId: reply.proposal!.id, optionId: '7' } });
    expect(bad.statusCode).toBe(400);
    expect(bad.json()).toMatchObject({ field: 'optionId' });
  });
});

describe.each([
  {
    language: 'de',
    standup: 'Standup',
    steps: { create: 'Mittagessen mit anna@example.com morgen um 13 Uhr', title: 'Mittagessen mit Anna', move: 'verschiebe es auf 14 Uhr', cancel: 'sag das Mittagessen morgen ab', skip: 'überspringe das Standup morgen' },
    confirmWord: /anlegen\?$/,
  },
  {
    language: 'ja',
    standup: 'スタンドアップ',
    steps: { create: '明日の13時にアンナとランチ', title: 'アンナとランチ', move: 'それを14時に変更', cancel: '明日のランチをキャンセル', skip: '明日のスタンドアップだけキャンセル' },
    confirmWord: /作成しますか？$/,
  },
])('the same dialogue in $language', ({ language, standup, steps, confirmWord }) => {
  let emulator: GoogleEmulator;
  let c: Companion;
  let token: string;
  const email = `chat-${language}@example.com`;
  beforeAll(async () => {
    emulator = await startEmulator({
      seed: { accounts: [{ email, timeZone: ZONE, events: [{ id: 'standup0002', summary: standup, start: { dateTime: '2026-11-02T09:30:00', timeZone: ZONE }, end: { dateTime: '2026-11-02T09:45:00', timeZone: ZONE }, recurrence: ['RRULE:FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR'] }] }] },
    });
    c = await startCompanion(emulator, { kind: 'sqlite' }, {}, { now: () => NOW });
    token = await signInExtension(c, email);
  });
  afterAll(async () => {
    await c?.close();
    await emulator?.close();
  });
  const post = async <T>(url: string, payload: object): Promise<T> => {
    const res = await c.app.inject({ method: 'POST', url, headers: bearer(token), payload });
    expect(res.statusCode, res.body).toBe(200);
    return res.json() as T;
  };
  const live = (summary: string) => [...emulator.ctx.store.eventsOf(email).values()].filter((e) => e.resource.summary === summary && e.resource.status !== 'cancelled');

  it('creates, moves, cancels, undoes and skips one occurrence', async () => {
    const created = await post<ChatReply>('/api/chat/message', { text: steps.create });
    expect(created.language).toBe(language);
    expect(created.reply).toMatch(confirmWord);
    expect(created.proposal?.options[0]?.event).toMatchObject({ title: steps.title, start: '2026-11-26T13:00:00+01:00' });
    await post('/api/chat/confirm', { proposalId: created.proposal!.id });
    expect(live(steps.title)).toHaveLength(1);

    const moved = await post<ChatReply>('/api/chat/message', { text: steps.move });
    expect(moved.proposal?.options[0]?.event.start).toBe('2026-11-26T14:00:00+01:00');
    await post('/api/chat/confirm', { proposalId: moved.proposal!.id });
    expect(live(steps.title)[0]!.resource.start.dateTime).toBe('2026-11-26T14:00:00+01:00');

    const cancelled = await post<ChatReply>('/api/chat/message', { text: steps.cancel });
    expect(cancelled.proposal?.options[0]?.action).toBe('cancel');
    await post('/api/chat/confirm', { proposalId: cancelled.proposal!.id });
    expect(live(steps.title)).toHaveLength(0);
    expect((await post<ChatResult>('/api/chat/undo', {})).status).toBe('undone');
    expect(live(steps.title)).toHaveLength(1);

    const skipped = await post<ChatReply>('/api/chat/message', { text: steps.skip });
    expect(skipped.proposal?.options[0]).toMatchObject({ action: 'cancel', scope: 'instance', targetEventId: 'standup0002_20261126T083000Z' });
    await post('/api/chat/confirm', { proposalId: skipped.proposal!.id });
    expect(emulator.ctx.store.eventsOf(email).get('standup0002_20261126T083000Z')?.resource.status).toBe('cancelled');
  });
});
