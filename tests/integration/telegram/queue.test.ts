import { randomBytes } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Queue } from 'bullmq';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { GoogleEmulator } from '../../../server/dev/google-emulator/app.ts';
import { startFakeTelegram, type FakeTelegram } from '../../fakes/telegram-bot-api.ts';
import { signInExtension } from '../../support/companion.ts';
import { startEmulator } from '../../support/google-emulator.ts';
import { redisUrl } from '../../support/services.ts';
import { BOT_TOKEN, lastReply, startTelegramCompanion, type TelegramCompanion } from '../../support/telegram.ts';

const redis = await redisUrl();

/** Two instances behind one webhook address, on one database and one BullMQ queue: an update is handled once. */
describe.skipIf(!redis)('Telegram updates on the shared queue (BullMQ)', () => {
  const prefix = `test-tg-${randomBytes(4).toString('hex')}`;
  let emulator: GoogleEmulator;
  let fake: FakeTelegram;
  let a: TelegramCompanion;
  let b: TelegramCompanion;
  const email = 'queue-tg@example.com';
  beforeAll(async () => {
    emulator = await startEmulator({ seed: { accounts: [{ email, timeZone: 'Europe/Berlin' }] } });
    fake = await startFakeTelegram(BOT_TOKEN);
    const shared = { JOBS: 'queue', REDIS_URL: redis!, QUEUE_PREFIX: prefix, DATA_DIR: mkdtempSync(join(tmpdir(), 'companion-tg-queue-')), TOKEN_ENCRYPTION_KEY: `t1:${randomBytes(32).toString('base64')}` };
    a = await startTelegramCompanion(emulator, { kind: 'sqlite' }, shared, {}, fake);
    b = await startTelegramCompanion(emulator, { kind: 'sqlite' }, shared, {}, fake);
  });
  afterAll(async () => {
    await a?.close();
    await b?.close();
    await fake?.close();
    await emulator?.close();
    const queue = new Queue('jobs', { connection: { url: redis! }, prefix });
    await queue.obliterate({ force: true });
    await queue.close();
  });

  it('links and confirms once, whichever instance Telegram reaches, however often', async () => {
    const token = await signInExtension(a, email);
    const ivy = fake.person(6001);
    const { code } = await a.linkCode(token);
    const linkUpdate = fake.message(ivy, `/link ${code}`);
    for (const c of [a, b, a]) expect((await fake.deliver(linkUpdate, { url: `${c.address}/webhooks/telegram` })).status).toBe(200);
    await expect.poll(() => fake.textsSeenIn(ivy.id).length).toBe(1);

    await fake.deliver(fake.message(ivy, 'dentist friday 10:30'), { url: `${b.address}/webhooks/telegram` });
    await expect.poll(() => lastReply(fake, ivy.id).buttons).toEqual(['Confirm', 'Cancel']);
    const press = fake.press(ivy, lastReply(fake, ivy.id).message, 'Confirm');
    await Promise.all([a, b].map((c) => fake.deliver(press, { url: `${c.address}/webhooks/telegram` })));
    await expect.poll(() => lastReply(fake, ivy.id).text).toMatch(/^Created “Dentist”/);
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(fake.answersTo(press.callback_query!.id)).toHaveLength(1);
    expect([...emulator.ctx.store.eventsOf(email).values()].filter((e) => e.resource.summary === 'Dentist')).toHaveLength(1);
  });
});
