import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { GoogleEmulator } from '../../../server/dev/google-emulator/app.ts';
import { signInExtension } from '../../support/companion.ts';
import { startEmulator } from '../../support/google-emulator.ts';
import { lastReply, startTelegramCompanion, type TelegramCompanion } from '../../support/telegram.ts';
import { databases } from '../companion/databases.ts';

/** No public https address: the companion asks Telegram for updates (getUpdates) instead of being posted them. */
describe.each(await databases())('long polling (%s)', (_name, database) => {
  let emulator: GoogleEmulator;
  let c: TelegramCompanion;
  let token: string;
  const email = 'poll@example.com';
  beforeAll(async () => {
    emulator = await startEmulator({ seed: { accounts: [{ email, timeZone: 'Europe/Berlin' }] } });
    c = await startTelegramCompanion(emulator, database, { TELEGRAM_MODE: 'auto', TELEGRAM_WEBHOOK_SECRET: '' });
    token = await signInExtension(c, email);
  });
  afterAll(async () => {
    await c?.close();
    await emulator?.close();
  });

  const live = (summary: string) => [...emulator.ctx.store.eventsOf(email).values()].filter((e) => e.resource.summary === summary && e.resource.status !== 'cancelled');
  /** Queues the update at the fake and waits until the bot has answered in that chat. */
  const poll = async (update: ReturnType<typeof c.fake.message>, chatId: number) => {
    const before = c.fake.callsFor(chatId).length + c.fake.calls.filter((x) => x.method === 'answerCallbackQuery').length;
    c.fake.enqueue(update);
    await expect.poll(() => c.fake.callsFor(chatId).length + c.fake.calls.filter((x) => x.method === 'answerCallbackQuery').length, { timeout: 5000 }).toBeGreaterThan(before);
    await c.idle();
  };

  it('links, proposes and confirms through getUpdates', async () => {
    expect(c.config.telegram?.mode).toBe('polling');
    const gina = c.fake.person(5001);
    const { code } = await c.linkCode(token);
    await poll(c.fake.message(gina, `/link ${code}`), gina.id);
    expect(lastReply(c.fake, gina.id).text).toMatch(/^Linked to poll@example.com/);

    await poll(c.fake.message(gina, 'dentist friday 10:30'), gina.id);
    const proposal = lastReply(c.fake, gina.id);
    expect(proposal.buttons).toEqual(['Confirm', 'Cancel']);
    const press = c.fake.press(gina, proposal.message, 'Confirm');
    await poll(press, gina.id);
    expect(lastReply(c.fake, gina.id).text).toMatch(/^Created “Dentist”/);
    expect(live('Dentist')).toHaveLength(1);
    // Every update was confirmed to Telegram by the next offset.
    await expect.poll(() => c.fake.unconfirmed).toBe(0);
  });

  it('handles an update Telegram hands out twice only once', async () => {
    const hal = c.fake.person(5002);
    const update = c.fake.message(hal, '/help');
    c.fake.enqueue(update);
    await expect.poll(() => c.fake.unconfirmed).toBe(0);
    c.fake.enqueue(update); // as after a restart that lost the offset
    await expect.poll(() => c.fake.unconfirmed).toBe(0);
    await c.idle();
    expect(c.fake.textsSeenIn(hal.id)).toHaveLength(1);
  });

  it('stops polling promptly when the server closes', async () => {
    const started = performance.now();
    await c.close();
    expect(performance.now() - started).toBeLessThan(2000);
    const calls = c.fake.calls.length;
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(c.fake.calls.length).toBe(calls);
  });
});
