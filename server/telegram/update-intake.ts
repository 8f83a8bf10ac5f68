import type { Update } from 'grammy/types';
import type { Db } from '../db/database.ts';
import { claimTelegramUpdate, releaseTelegramUpdate } from '../db/repositories/telegram-updates.ts';
import type { JobRunner } from '../jobs/runner.ts';
import type { ChatRateLimit } from './chat-rate-limit.ts';

declare module '../jobs/runner.ts' {
  interface TaskPayloads {
    /** One update from Telegram; `limited`: the chat went over its rate and is told so instead. */
    'telegram-update': { update: Update; limited?: boolean };
  }
}

/** Telegram redelivers for about a day; a week of remembered ids covers that with room to spare. */
const REMEMBER_UPDATES_MS = 7 * 86_400_000;

export type IntakeOutcome = 'queued' | 'duplicate' | 'dropped';

/**
 * Where every update enters, from the webhook and from long polling alike:
 * taken once per update id (in the database, so across instances too), counted
 * against its chat's rate, then queued for the job runner. Returns at once;
 * the work happens in the task.
 */
export class UpdateIntake {
  constructor(
    private readonly db: Db,
    private readonly botId: string,
    private readonly limit: ChatRateLimit,
    private readonly jobs: JobRunner,
    private readonly now: () => number,
  ) {}

  async accept(update: Update): Promise<IntakeOutcome> {
    if (!(await claimTelegramUpdate(this.db, this.botId, update.update_id, this.now() + REMEMBER_UPDATES_MS))) return 'duplicate';
    const verdict = this.limit.hit(chatOf(update));
    if (verdict === 'over') return 'dropped';
    try {
      await this.jobs.enqueue('telegram-update', { update, ...(verdict === 'first_over' ? { limited: true } : {}) }, { dedupeKey: `telegram:${this.botId}:${update.update_id}` });
    } catch (error) {
      // Not queued (Redis away): give the id back so Telegram's redelivery of our error answer is handled.
      await releaseTelegramUpdate(this.db, this.botId, update.update_id);
      throw error;
    }
    return 'queued';
  }
}

function chatOf(update: Update): string {
  const chat = update.message?.chat.id ?? update.callback_query?.message?.chat.id ?? update.callback_query?.from.id;
  return chat === undefined ? 'none' : String(chat);
}
