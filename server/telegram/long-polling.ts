import { setTimeout as delay } from 'node:timers/promises';
import type { FastifyBaseLogger } from 'fastify';
import { GrammyError, type Api } from 'grammy';
import type { Update } from 'grammy/types';
import { describeTelegramError } from './telegram-errors.ts';

/** grammY types its signals with the abort-controller polyfill's class; Node's own AbortSignal works alike. */
export type TelegramSignal = Parameters<Api['getUpdates']>[1];
export const asTelegramSignal = (signal: AbortSignal) => signal as unknown as TelegramSignal;

/** The updates the bot handles; Telegram sends no others (edits, reactions, joins). */
export const ALLOWED_UPDATES = ['message', 'callback_query'] as const;
/** Seconds Telegram holds a getUpdates open when there is nothing to deliver. */
const POLL_SECONDS = 25;

/**
 * Long polling for a companion without a public https address. Rather than
 * grammY's bot.start() (which handles updates one by one inside the loop),
 * each update goes through the same intake as the webhook's: deduped, rate
 * counted, queued. An update is confirmed to Telegram (the next offset) only
 * once it is queued. One poller per bot: a second one gets Telegram's 409.
 */
export class LongPoller {
  private readonly stopping = new AbortController();
  private loop: Promise<void> = Promise.resolve();

  constructor(
    private readonly api: Api,
    private readonly accept: (update: Update) => Promise<unknown>,
    private readonly log: FastifyBaseLogger,
  ) {}

  start(): void {
    this.loop = this.run().catch((error: unknown) => this.log.error(describeTelegramError(error), 'telegram polling stopped'));
  }

  async stop(): Promise<void> {
    this.stopping.abort();
    await this.loop;
  }

  private async run(): Promise<void> {
    const signal = this.stopping.signal;
    let offset = 0;
    let failures = 0;
    let webhookCleared = false;
    while (!signal.aborted) {
      try {
        // getUpdates is refused while a webhook is set (an earlier run in webhook mode).
        if (!webhookCleared) webhookCleared = await this.api.deleteWebhook({}, asTelegramSignal(signal));
        const updates = await this.api.getUpdates({ offset, timeout: POLL_SECONDS, allowed_updates: [...ALLOWED_UPDATES] }, asTelegramSignal(signal));
        failures = 0;
        for (const update of updates) {
          await this.accept(update);
          offset = update.update_id + 1;
        }
      } catch (error) {
        if (signal.aborted) return;
        if (error instanceof GrammyError && error.error_code === 401) {
          this.log.error(describeTelegramError(error), 'Telegram refuses the bot token: polling stops (check TELEGRAM_BOT_TOKEN)');
          return;
        }
        if (error instanceof GrammyError && error.error_code === 409) webhookCleared = false;
        failures++;
        if (failures === 1 || failures % 10 === 0) this.log.warn({ ...describeTelegramError(error), failures }, 'telegram polling failed; trying again');
        await delay(Math.min(30_000, 500 * 2 ** Math.min(failures, 6)), undefined, { signal }).catch(() => undefined);
      }
    }
  }
}
