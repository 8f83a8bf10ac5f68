import { setTimeout as delay } from 'node:timers/promises';
import { Bot } from 'grammy';
import type { Update } from 'grammy/types';
import type { SettledEvent } from '../assistant/proposal-executor.ts';
import type { TelegramConfig } from '../config.ts';
import { findTelegramLink } from '../db/repositories/telegram-links.ts';
import { takeTelegramQueuedWrite } from '../db/repositories/telegram-queued-writes.ts';
import { chatsWithWaitingTelegramUpdates, finishTelegramUpdate, takeNextTelegramUpdate } from '../db/repositories/telegram-updates.ts';
import type { JobRunner, TaskPayloads } from '../jobs/runner.ts';
import type { BotIdentity } from './addressed-to-bot.ts';
import { botPhrasesFor } from './bot-phrases.ts';
import type { BridgeDeps } from './bridge-deps.ts';
import { registerButtonPresses } from './button-presses.ts';
import { ChatRateLimit } from './chat-rate-limit.ts';
import { registerCommands } from './commands.ts';
import { ignoreWhatIsNotForUs, registerConversation } from './conversation.ts';
import { ALLOWED_UPDATES, asTelegramSignal, LongPoller } from './long-polling.ts';
import { finalMessage, resultMessage } from './render-reply.ts';
import { describeTelegramError, isPermanentTelegramError } from './telegram-errors.ts';
import { queueChat, UpdateIntake, type IntakeOutcome } from './update-intake.ts';

/** Longer than a long poll (25 s) so getUpdates is not cut short; short enough that a stuck call frees its task. */
const CALL_TIMEOUT_SECONDS = 40;
export const WEBHOOK_PATH = '/webhooks/telegram';
/** Tries of one update (each a run of its chat's task, itself tried a few times by the runner) before it is given up. */
const UPDATE_ATTEMPTS = 3;
/** A chat's task hands over to the next after this many updates, so one busy chat does not hold a worker for long. */
const MAX_UPDATES_PER_RUN = 50;

/**
 * The Telegram bot: grammY for the Bot API and the update routing, our
 * intake for what arrives (webhook or polling), the job runner for the work.
 */
export class TelegramBridge {
  readonly bot: Bot;
  private readonly intake: UpdateIntake;
  private readonly closing = new AbortController();
  private poller: LongPoller | null = null;
  private initializing: Promise<void> | null = null;
  /** Resolves once the bot is set up with Telegram (webhook set, or polling begun); tests wait for it. */
  started: Promise<void> = Promise.resolve();

  constructor(
    private readonly config: TelegramConfig,
    private readonly deps: BridgeDeps & { jobs: JobRunner; publicUrl: string },
  ) {
    this.bot = new Bot(config.token.reveal(), { client: { apiRoot: config.apiRoot, timeoutSeconds: CALL_TIMEOUT_SECONDS } });
    ignoreWhatIsNotForUs(this.bot);
    registerCommands(this.bot, deps);
    registerButtonPresses(this.bot, deps);
    registerConversation(this.bot, deps);
    this.intake = new UpdateIntake(deps.db, config.botId, new ChatRateLimit(deps.db, config.botId, config.perChatPerMinute, deps.now), deps.jobs, deps.now);
  }

  /** An update from the webhook or the poller, queued (or recognised as seen before). */
  accept(update: Update): Promise<IntakeOutcome> {
    return this.intake.accept(update);
  }

  /**
   * The bot's id and @name, from getMe once. One try per call: grammY's own bot.init() retries a network
   * error forever, which would hold a task (and shutdown) for as long as Telegram is out of reach.
   */
  async identity(): Promise<BotIdentity> {
    if (!this.bot.isInited()) {
      this.initializing ??= this.bot.api.getMe(asTelegramSignal(this.closing.signal)).then(
        (me) => {
          this.initializing = null;
          if (!this.bot.isInited()) this.bot.botInfo = me;
        },
        (error: unknown) => {
          this.initializing = null;
          // Rethrown without grammY's error, whose inner HTTP error names the URL, token and all.
          throw new Error(`Telegram getMe failed: ${JSON.stringify(describeTelegramError(error))}`);
        },
      );
      await this.initializing;
    }
    return { id: this.bot.botInfo.id, username: this.bot.botInfo.username };
  }

  /** The bot's @name if getMe has answered; otherwise null at once (and getMe asked again), never a wait on Telegram. */
  knownUsername(): string | null {
    if (this.bot.isInited()) return this.bot.botInfo.username;
    void this.identity().catch(() => undefined);
    return null;
  }

  /**
   * The `telegram-chat` task: the chat's waiting updates, oldest first, one after the other (a reply to the
   * bot's question is read after the question's message). An update Telegram keeps failing on is given up
   * after a few tries rather than hold up the chat for good.
   */
  async drainChat({ chatKey }: TaskPayloads['telegram-chat']): Promise<Record<string, number>> {
    await this.identity();
    const summary = { handled: 0, refused: 0, givenUp: 0 };
    for (let n = 0; n < MAX_UPDATES_PER_RUN; n++) {
      const row = await takeNextTelegramUpdate(this.deps.db, this.config.botId, chatKey);
      if (!row) break;
      if (row.attempts > UPDATE_ATTEMPTS || !row.payload) {
        this.deps.log.warn({ updateId: row.update_id, attempts: row.attempts - 1 }, 'telegram update given up');
        summary.givenUp++;
      } else {
        summary[await this.handleOne(JSON.parse(row.payload) as Update, row.limited === 1)]++;
      }
      await finishTelegramUpdate(this.deps.db, this.config.botId, row.update_id, this.deps.now());
    }
    // Handed over with work left: the chat's next run takes the rest.
    if (summary.handled + summary.refused + summary.givenUp >= MAX_UPDATES_PER_RUN) await queueChat(this.deps.jobs, this.config.botId, chatKey);
    return summary;
  }

  /** Queues the chats whose updates were taken in but not handled (a process died between the two). */
  async resumeWaitingChats(): Promise<void> {
    for (const chatKey of await chatsWithWaitingTelegramUpdates(this.deps.db, this.config.botId)) {
      await queueChat(this.deps.jobs, this.config.botId, chatKey);
    }
  }

  /** One update. Telegram refusing our answer for good is logged, not retried; anything else throws, for the task to try again. */
  private async handleOne(update: Update, limited: boolean): Promise<'handled' | 'refused'> {
    try {
      if (limited) await this.tellTooFast(update);
      else await this.bot.handleUpdate(update);
      return 'handled';
    } catch (error) {
      if (isPermanentTelegramError(error)) {
        this.deps.log.warn(describeTelegramError(error), 'Telegram refused our answer');
        return 'refused';
      }
      this.deps.log.warn({ updateId: update.update_id, ...describeTelegramError(error) }, 'telegram update failed');
      throw new Error(`telegram update ${update.update_id} failed`);
    }
  }

  /** Sets the webhook (https only, as Telegram requires) or starts long polling; never holds up the server's start. */
  start(): void {
    const log = this.deps.log;
    if (this.config.mode === 'polling') {
      this.poller = new LongPoller(this.bot.api, (update) => this.intake.accept(update), log);
      this.poller.start();
      log.info('telegram: long polling for updates');
      this.started = this.identity().then(() => undefined, () => undefined);
      return;
    }
    if (!this.deps.publicUrl.startsWith('https:')) {
      log.info(`telegram: webhook mode, but PUBLIC_URL is not https, so Telegram cannot be told where to post; set the webhook to <your https address>${WEBHOOK_PATH} yourself (README)`);
      this.started = this.identity().then(() => undefined, () => undefined);
      return;
    }
    this.started = this.setWebhook();
  }

  private async setWebhook(): Promise<void> {
    const url = `${this.deps.publicUrl}${WEBHOOK_PATH}`;
    for (let attempt = 1; !this.closing.signal.aborted; attempt++) {
      try {
        await this.identity();
        await this.bot.api.setWebhook(url, { secret_token: this.config.webhookSecret!.reveal(), allowed_updates: [...ALLOWED_UPDATES] }, asTelegramSignal(this.closing.signal));
        this.deps.log.info({ url }, 'telegram: webhook set');
        return;
      } catch (error) {
        if (this.closing.signal.aborted) return;
        if (attempt === 1 || attempt % 10 === 0) this.deps.log.warn({ ...describeTelegramError(error), attempt }, 'telegram: could not set the webhook; trying again');
        await delay(Math.min(60_000, 1000 * 2 ** Math.min(attempt, 6)), undefined, { signal: this.closing.signal }).catch(() => undefined);
      }
    }
  }

  async close(): Promise<void> {
    this.closing.abort();
    await this.poller?.stop();
    await this.started;
  }

  /** A queued write confirmed in Telegram has landed (or was given up on): tell the chat where it was confirmed. */
  tellSettled(event: SettledEvent): void {
    void (async () => {
      const row = await takeTelegramQueuedWrite(this.deps.db, event.userId, event.proposalId);
      // Unlinked in the meantime: that chat no longer hears about this account.
      if (!row || !(await findTelegramLink(this.deps.db, event.userId))) return;
      const words = botPhrasesFor(row.language_code ?? undefined);
      const message = event.outcome === 'confirmed' && event.result ? resultMessage(event.result, words) : finalMessage(event.reply ?? words.changedMeanwhile);
      await this.bot.api.sendMessage(row.chat_id, message.text, {
        ...(message.reply_markup?.inline_keyboard.length ? { reply_markup: message.reply_markup } : {}),
        reply_parameters: { message_id: row.message_id, allow_sending_without_reply: true },
      });
    })().catch((error: unknown) => this.deps.log.warn({ userId: event.userId, ...describeTelegramError(error) }, 'could not tell the Telegram chat how a queued write ended'));
  }

  private async tellTooFast(update: Update): Promise<void> {
    const from = update.message?.from ?? update.callback_query?.from;
    const words = botPhrasesFor(from?.language_code);
    if (update.callback_query) await this.bot.api.answerCallbackQuery(update.callback_query.id, { text: words.tooFast });
    else if (update.message) await this.bot.api.sendMessage(update.message.chat.id, words.tooFast);
  }
}
