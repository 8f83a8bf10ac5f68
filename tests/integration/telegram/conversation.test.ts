import type { User } from 'grammy/types';
import { DateTime } from 'luxon';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { GoogleEmulator } from '../../../server/dev/google-emulator/app.ts';
import { signInExtension } from '../../support/companion.ts';
import { startEmulator } from '../../support/google-emulator.ts';
import { lastReply, startTelegramCompanion, type TelegramCompanion } from '../../support/telegram.ts';
import { testClock } from '../../support/test-clock.ts';
import { databases } from '../companion/databases.ts';

const ZONE = 'Europe/Berlin';

describe.each(await databases())('the assistant in a Telegram chat (%s)', (_name, database) => {
  let emulator: GoogleEmulator;
  let c: TelegramCompanion;
  let token: string;
  let anna: User;
  const email = 'tg-chat@example.com';
  const clock = testClock(() => emulator);
  const today = DateTime.now().setZone(ZONE).toISODate()!;
  const at = (time: string) => DateTime.fromISO(`${today}T${time}`, { zone: ZONE }).toISO({ suppressMilliseconds: true })!;
  beforeAll(async () => {
    emulator = await startEmulator({
      seed: {
        accounts: [
          {
            email,
            timeZone: ZONE,
            events: [
              { summary: 'Team standup', start: { dateTime: at('09:30'), timeZone: ZONE }, end: { dateTime: at('09:45'), timeZone: ZONE } },
              { summary: 'Offsite', start: { date: today }, end: { date: DateTime.fromISO(today).plus({ days: 1 }).toISODate()! } },
            ],
          },
          { email: 'other-tg@example.com', timeZone: ZONE },
        ],
      },
    });
    c = await startTelegramCompanion(emulator, database, { RETRY_WRITE_BASE_SECONDS: '5' }, { now: clock.now });
    token = await signInExtension(c, email);
    anna = c.fake.person(3001, { first_name: 'Anna' });
    await c.link(token, anna);
  });
  afterAll(async () => {
    await c?.close();
    await emulator?.close();
  });
  beforeEach(() => emulator.ctx.faults.clear());

  const live = (summary: string) => [...emulator.ctx.store.eventsOf(email).values()].filter((e) => e.resource.summary === summary && e.resource.status !== 'cancelled');
  const inserts = () => emulator.ctx.counters.get('calendar.events.insert', email);
  const say = async (from: User, text: string) => {
    await c.send(c.fake.message(from, text));
    return lastReply(c.fake, from.id);
  };

  it('creates "dentist friday 10:30" on Confirm, once, however often the press arrives', async () => {
    const proposal = await say(anna, 'dentist friday 10:30');
    expect(proposal.text).toMatch(/^Create “Dentist” Fri \d+ \w+ 10:30–11:30\?$/);
    expect(proposal.buttons).toEqual(['Confirm', 'Cancel']);
    expect(live('Dentist')).toHaveLength(0);

    const before = inserts();
    const press = c.fake.press(anna, proposal.message, 'Confirm');
    await c.send(press);
    const done = lastReply(c.fake, anna.id);
    expect(done.message.message_id).toBe(proposal.message.message_id); // edited in place
    expect(done.text).toMatch(/^Created “Dentist” Fri \d+ \w+ 10:30–11:30\.$/);
    expect(done.buttons).toEqual(['Undo']);
    expect(live('Dentist')).toHaveLength(1);
    expect(live('Dentist')[0]!.resource.start).toMatchObject({ dateTime: expect.stringMatching(/T10:30:00\+01:00$/) });

    // Telegram redelivers the same update (our 200 got lost): nothing happens twice, one answer.
    await c.send(press);
    expect(c.fake.answersTo(press.callback_query!.id)).toHaveLength(1);
    // A second, separate press of the same Confirm (a double tap): answered, still one event.
    const again = c.fake.press(anna, proposal.message, 'Confirm');
    await c.send(again);
    expect(c.fake.answersTo(again.callback_query!.id)).toMatchObject([{ params: { text: 'Saved' } }]);
    expect(inserts()).toBe(before + 1);
    expect(live('Dentist')).toHaveLength(1);

    await c.send(c.fake.press(anna, lastReply(c.fake, anna.id).message, 'Undo'));
    expect(lastReply(c.fake, anna.id)).toMatchObject({ text: 'Undone.', buttons: [] });
    expect(live('Dentist')).toHaveLength(0);
  });

  it('answers every press exactly once, whatever it did', async () => {
    const answered = c.fake.calls.filter((x) => x.method === 'answerCallbackQuery').map((x) => x.params.callback_query_id);
    expect(new Set(answered).size).toBe(answered.length);
  });

  it('leaves the calendar alone on Cancel, and a later Confirm on that message writes nothing', async () => {
    const proposal = await say(anna, 'haircut tomorrow 3pm');
    await c.send(c.fake.press(anna, proposal.message, 'Cancel'));
    expect(lastReply(c.fake, anna.id)).toMatchObject({ text: 'Cancelled: nothing was changed.', buttons: [] });
    const late = c.fake.press(anna, proposal.message, 'Confirm'); // from an older copy of the message
    await c.send(late);
    expect(c.fake.answersTo(late.callback_query!.id)[0]!.params.text).toMatch(/expired or was already handled/);
    expect(live('Haircut')).toHaveLength(0);
  });

  it('offers one button per free slot and books the one pressed', async () => {
    const proposal = await say(anna, 'coffee with ben sometime tomorrow afternoon');
    expect(proposal.buttons.length).toBeGreaterThanOrEqual(2);
    expect(proposal.buttons.at(-1)).toBe('Cancel');
    const label = proposal.buttons[1]!;
    await c.send(c.fake.press(anna, proposal.message, label));
    expect(lastReply(c.fake, anna.id).text).toMatch(/^Created “Coffee with ben”/);
    expect(live('Coffee with ben')).toHaveLength(1);
  });

  it("lists today's events in the user's zone with /today", async () => {
    const reply = await say(anna, '/today');
    expect(reply.text.split('\n')).toEqual([expect.stringMatching(/^Today, \w+ \d+ \w+:$/), 'all day Offsite', '09:30–09:45 Team standup']);
  });

  it('answers free time with /free <duration> <when>', async () => {
    const reply = await say(anna, '/free 30m tomorrow afternoon');
    expect(reply.text).toMatch(/^You are free /);
    expect(reply.buttons).toEqual([]);
    expect((await say(anna, '/free')).text).toMatch(/^You are free|^You have no free time/);
  });

  it('keeps one account from confirming, cancelling or editing another account\'s proposal', async () => {
    const proposal = await say(anna, 'dinner friday 8pm');
    const other = c.fake.person(3002);
    clock.reset();
    await c.link(await signInExtension(c, 'other-tg@example.com'), other);
    for (const label of ['Confirm', 'Cancel']) {
      const press = c.fake.press(other, proposal.message, label);
      await c.send(press);
      expect(c.fake.answersTo(press.callback_query!.id)[0]!.params.text).toMatch(/expired or was already handled/);
    }
    expect(lastReply(c.fake, anna.id)).toMatchObject({ text: proposal.text, buttons: ['Confirm', 'Cancel'] });
    expect(live('Dinner')).toHaveLength(0);
    await c.send(c.fake.press(anna, proposal.message, 'Confirm'));
    expect(live('Dinner')).toHaveLength(1);
  });

  it('tells the chat later when a write Google refused for now finally lands', async () => {
    const proposal = await say(anna, 'physio on friday at 4pm');
    emulator.ctx.faults.add({ kind: 'status', status: 503, count: 1000, match: { operation: 'calendar.events.insert' } });
    const press = c.fake.press(anna, proposal.message, 'Confirm');
    await c.send(press);
    expect(c.fake.answersTo(press.callback_query!.id)[0]!.params.text).toBe('Google is busy: I will keep trying');
    expect(lastReply(c.fake, anna.id)).toMatchObject({ text: expect.stringMatching(/keep trying to save/), buttons: [] });
    expect(live('Physio')).toHaveLength(0);

    emulator.ctx.faults.clear();
    clock.advance(6000);
    expect(await c.app.jobs.run('retry-writes')).toMatchObject({ done: 1 });
    await expect.poll(() => lastReply(c.fake, anna.id).text).toMatch(/^Created “Physio”/);
    const told = lastReply(c.fake, anna.id);
    expect(told.message.message_id).not.toBe(proposal.message.message_id); // a new message, so the phone shows it
    expect(told.buttons).toEqual(['Undo']);
    expect(live('Physio')).toHaveLength(1);
  });

  it('in a group, answers only what is addressed to the bot', async () => {
    const group = { id: -100_555, type: 'supergroup' as const, title: 'Team' };
    const sent = () => c.fake.callsFor(group.id).length;
    const before = sent();
    await c.send(c.fake.message(anna, 'lunch tomorrow at 1pm', { chat: group }));
    await c.send(c.fake.message(anna, '/today', { chat: group }));
    expect(sent()).toBe(before);

    await c.send(c.fake.message(anna, `/today@${c.fake.bot.username}`, { chat: group }));
    expect(lastReply(c.fake, group.id).text).toMatch(/Team standup/);
    await c.send(c.fake.message(anna, `@${c.fake.bot.username} lunch tomorrow at 1pm`, { chat: group }));
    expect(lastReply(c.fake, group.id).text).toMatch(/^Create “Lunch”/);
    const reply = c.fake.message(anna, 'make it 2pm instead', { chat: group, replyTo: lastReply(c.fake, group.id).message });
    await c.send(reply);
    expect(sent()).toBe(before + 3);
  });

  it("reads a chat's messages in the order they were sent, however slow Telegram is with each answer", async () => {
    const bea = c.fake.person(3004, { first_name: 'Bea' });
    await c.link(token, bea);
    c.fake.slowMs = 150;
    try {
      // The answer to the bot's question arrives while the question is still being asked.
      for (const text of ['lunch with bob', 'tomorrow at 1pm', 'call the bank tomorrow at 9']) expect((await c.fake.deliver(c.fake.message(bea, text))).status).toBe(200);
      await c.idle();
    } finally {
      c.fake.slowMs = 0;
    }
    const texts = c.fake.textsSeenIn(bea.id).slice(-3);
    expect(texts[0]).toMatch(/^When should “Lunch with bob” be\?/i);
    expect(texts[1]).toMatch(/^Create “Lunch with bob” .* 13:00–14:00\?$/i);
    expect(texts[2]).toMatch(/^Create “Call bank” .* 09:00–10:00\?$/i);
  });

  it('handles an update taken in but never handled (its process died after answering Telegram) when the companion starts again', async () => {
    const cara = c.fake.person(3005, { first_name: 'Cara' });
    const update = c.fake.message(cara, '/help');
    // As the intake leaves it: in the chat's inbox, answered 200, its task lost with the process.
    await c.app.db.insertInto('telegram_updates').values({ bot_id: c.config.telegram!.botId, update_id: update.update_id, chat_key: String(cara.id), payload: JSON.stringify(update), limited: 0, attempts: 0, handled_at: null, expires_at: clock.now() + 86_400_000 }).execute();
    expect(c.fake.textsSeenIn(cara.id)).toHaveLength(0);
    await c.app.telegram!.resumeWaitingChats();
    await c.idle();
    expect(c.fake.textsSeenIn(cara.id).at(-1)).toMatch(/not linked/);
    // Handled once: Telegram's redelivery of it is a duplicate, and its text is no longer kept.
    expect(JSON.parse((await c.fake.deliver(update)).body)).toMatchObject({ outcome: 'duplicate' });
    const row = await c.app.db.selectFrom('telegram_updates').selectAll().where('update_id', '=', update.update_id).executeTakeFirstOrThrow();
    expect(row.payload).toBeNull();
    expect(row.handled_at).not.toBeNull();
  });

  it('tells a chat that floods it to slow down, once, and ignores the rest for the minute', async () => {
    const flooder = c.fake.person(3003);
    for (let i = 0; i < 25; i++) await c.fake.deliver(c.fake.message(flooder, '/help'));
    await c.idle();
    const texts = c.fake.textsSeenIn(flooder.id);
    expect(texts).toHaveLength(21);
    expect(texts.filter((t) => /faster than I can answer/.test(t))).toHaveLength(1);
    clock.advance(61_000);
    await c.send(c.fake.message(flooder, '/help'));
    expect(c.fake.textsSeenIn(flooder.id)).toHaveLength(22);
  });
});
