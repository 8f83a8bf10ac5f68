import type { Message, Update, User } from 'grammy/types';
import { expect } from 'vitest';
import type { BuildOptions } from '../../server/app.ts';
import type { GoogleEmulator } from '../../server/dev/google-emulator/app.ts';
import type { InProcessRunner } from '../../server/jobs/in-process-runner.ts';
import type { TelegramLinkCode } from '../../shared/schemas/telegram.ts';
import { startFakeTelegram, type FakeTelegram } from '../fakes/telegram-bot-api.ts';
import { bearer, startCompanion, type Companion, type DatabaseChoice } from './companion.ts';

/** Shaped like a real token (id, colon, 35 characters), so the log scrubber has to recognise it as one. */
export const BOT_TOKEN = '7000001:AAHk3vQ9fakeTokenForTests_x7Zp0Lm2Qw';
export const WEBHOOK_SECRET = 'webhook-secret-for-tests-0123456789';

export interface TelegramCompanion extends Companion {
  fake: FakeTelegram;
  /** Where the companion listens (the fake delivers webhooks there over HTTP). */
  address: string;
  /** Waits until every queued task (the updates' work) is done. */
  idle(): Promise<void>;
  /** Delivers an update to the webhook with the right secret, expects 200, and waits for its work. */
  send(update: Update): Promise<void>;
  /** A one-time link code for the account behind `token`, as the options page gets it. */
  linkCode(token: string): Promise<TelegramLinkCode>;
  /** Links `person` to the account behind `token` with a fresh code. */
  link(token: string, person: User): Promise<void>;
}

/**
 * A companion with the Telegram bridge on, listening on a free port, its Bot API the fake's. Webhook mode
 * (the fake posts to it as Telegram would) unless env says otherwise.
 */
export async function startTelegramCompanion(emulator: GoogleEmulator, database: DatabaseChoice, env: Record<string, string> = {}, options: BuildOptions = {}, fake?: FakeTelegram): Promise<TelegramCompanion> {
  const bot = fake ?? (await startFakeTelegram(BOT_TOKEN));
  const c = await startCompanion(emulator, database, { TELEGRAM_BOT_TOKEN: bot.token, TELEGRAM_API_ROOT: bot.url, TELEGRAM_WEBHOOK_SECRET: WEBHOOK_SECRET, TELEGRAM_MODE: 'webhook', ...env }, options);
  const address = await c.app.listen({ port: 0, host: '127.0.0.1' });
  await c.app.telegram?.started;
  if (c.config.telegram?.webhookSecret && !bot.webhook) bot.setWebhookForTest(`${address}/webhooks/telegram`, WEBHOOK_SECRET);
  const idle = () => (c.app.jobs as InProcessRunner).idle();
  const tc: TelegramCompanion = {
    ...c,
    fake: bot,
    address,
    idle,
    close: async () => {
      await c.close();
      if (!fake) await bot.close();
    },
    send: async (update) => {
      const delivery = await bot.deliver(update);
      expect(delivery.status, delivery.body).toBe(200);
      await idle();
    },
    linkCode: async (token) => {
      const res = await c.app.inject({ method: 'POST', url: '/api/telegram/link-code', headers: bearer(token) });
      expect(res.statusCode, res.body).toBe(201);
      return res.json();
    },
    link: async (token, person) => {
      const { code } = await tc.linkCode(token);
      await tc.send(bot.message(person, `/link ${code}`));
      expect(bot.lastMessage(person.id).text).toMatch(/^Linked to /);
    },
  };
  return tc;
}

/** The bot's last message in a chat, with its buttons' labels. */
export function lastReply(fake: FakeTelegram, chatId: number): { text: string; buttons: string[]; message: Message } {
  const message = fake.lastMessage(chatId);
  return { text: message.text ?? '', buttons: (message.reply_markup?.inline_keyboard ?? []).flat().map((b) => b.text), message };
}
