import type { Update } from 'grammy/types';
import type { Db } from '../db/database.ts';
import { finishTelegramUpdate, markTelegramUpdateLimited, recordTelegramUpdate, releaseTelegramUpdate } from '../db/repositories/telegram-updates.ts';
import type { JobRunner } from '../jobs/runner.ts';
import type { ChatRateLimit } from './chat-rate-limit.ts';

declare module '../jobs/runner.ts' {
  interface TaskPayloads {
    /** Handle what waits in one chat's inbox, oldest first. */
    'telegram-chat': { chatKey: string };
  }
}

/** Telegram redelivers for about a day; a week of remembered ids covers that with room to spare. */
const REMEMBER_UPDATES_MS = 7 * 86_400_000;

export type IntakeOutcome = 'queued' | 'duplicate' | 'dropped';

/** Queues the chat's task: one per chat at a time, whichever instance runs it (the runner's dedupe key), so a chat's updates keep their order. */
export function queueChat(jobs: Pick<JobRunner, 'enqueue'>, botId: string, chatKey: string): Promise<void> {
  return jobs.enqueue('telegram-chat', { chatKey }, { dedupeKey: `telegram-chat:${botId}:${chatKey}` });
}

/**
 * Where every update enters, from the webhook and from long polling alike:
 * taken once per update id into its chat's inbox (in the database: across
 * instances, and kept through a crash after Telegram got its 200), counted
 * against the chat's rate, then its chat's task is queued. Returns at once;
 * the work happens in the task, one update of a chat after the other.
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
    const chatKey = chatOf(update);
    // One transaction: the chat's task, which may be running, sees the update only with the rate's verdict on it. Taken
    // in first and judged after, an update the limit then dropped could be answered by a task that took it between the
    // two (seen with PostgreSQL under load: a flood got one answer too many).
    const outcome = await this.db.transaction().execute(async (tx): Promise<IntakeOutcome> => {
      const taken = await recordTelegramUpdate(tx, { botId: this.botId, updateId: update.update_id, chatKey, payload: JSON.stringify(update), expiresAt: this.now() + REMEMBER_UPDATES_MS });
      if (!taken) return 'duplicate';
      const verdict = await this.limit.hit(chatKey, tx);
      if (verdict === 'over') {
        await finishTelegramUpdate(tx, this.botId, update.update_id, this.now());
        return 'dropped';
      }
      if (verdict === 'first_over') await markTelegramUpdateLimited(tx, this.botId, update.update_id);
      return 'queued';
    });
    if (outcome !== 'queued') return outcome;
    try {
      await queueChat(this.jobs, this.botId, chatKey);
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
