import type { FastifyBaseLogger } from 'fastify';
import type { Db } from '../db/database.ts';
import { deleteExpiredAuthRequests } from '../db/repositories/auth-requests.ts';
import { deleteExpiredChat } from '../db/repositories/chat.ts';
import { deleteExpiredIdempotencyKeys } from '../db/repositories/idempotency-keys.ts';
import { deleteOldTelegramChatRates } from '../db/repositories/telegram-chat-rates.ts';
import { deleteExpiredTelegramQueuedWrites } from '../db/repositories/telegram-queued-writes.ts';
import { deleteExpiredTelegramUpdates } from '../db/repositories/telegram-updates.ts';
import { deleteOldWriteRetries } from '../db/repositories/write-retries.ts';
import type { CalendarGateway } from '../google/calendar-gateway.ts';
import type { GoogleTokens } from '../google/token-service.ts';
import type { EnqueueOptions, JobRunner, TaskName, TaskPayloads } from './runner.ts';
import { retryQueuedWrites } from './retry-writes.ts';
import type { ProposalExecutor } from '../assistant/proposal-executor.ts';

/** How far ahead the sweep refreshes: tokens that would expire before the next sweep or two. */
export const REFRESH_AHEAD_MS = 10 * 60_000;

export interface JobContext {
  db: Db;
  tokens: GoogleTokens;
  calendar: CalendarGateway;
  /** Where Google should push change notifications, when it should. */
  watch: { enabled: boolean; publicUrl: string };
  /** Carries out the confirmed chat proposals whose write Google refused for now. */
  proposals: ProposalExecutor;
  log: FastifyBaseLogger;
  now: () => number;
  /** Queues a task on the same runner (a sweep fans out into one task per calendar). */
  enqueue<N extends TaskName>(name: N, data: TaskPayloads[N], options?: EnqueueOptions): Promise<void>;
}

export type JobName = 'refresh-tokens' | 'cleanup' | 'sync-calendars' | 'retry-writes';

/**
 * The background work, as plain functions of a context: the same handlers run
 * in-process (one instance, SQLite) or under a queue (several instances).
 * Each returns a small summary for the log and the tests.
 */
export const jobHandlers: Record<JobName, (ctx: JobContext) => Promise<Record<string, number>>> = {
  /** Connections whose access token runs out within ten minutes get a fresh one now, not in a user's request. */
  async 'refresh-tokens'(ctx) {
    const now = ctx.now();
    const due = await ctx.db
      .selectFrom('google_connections')
      .select('user_id')
      .where('status', '=', 'connected')
      .where('refresh_token_enc', 'is not', null)
      .where((eb) => eb.or([eb('access_token_expires_at', 'is', null), eb('access_token_expires_at', '<', now + REFRESH_AHEAD_MS)]))
      .execute();
    let refreshed = 0;
    let failed = 0;
    for (const { user_id } of due) {
      try {
        // Through ensureValidAccessToken, so a sweep and a request refreshing at the same moment share one refresh.
        await ctx.tokens.ensureValidAccessToken(user_id, REFRESH_AHEAD_MS);
        refreshed++;
      } catch {
        failed++;
      }
    }
    return { due: due.length, refreshed, failed };
  },

  /**
   * Every connected user's primary calendar, and any other calendar already synced, queued as one
   * `sync-calendar` task each: under the queue, the instances share the work.
   */
  async 'sync-calendars'(ctx) {
    const users = await ctx.db.selectFrom('google_connections').select('user_id').where('status', '=', 'connected').execute();
    const synced = new Map<string, string[]>();
    for (const k of await ctx.db.selectFrom('calendar_sync').select(['user_id', 'calendar_id']).execute()) synced.set(k.user_id, [...(synced.get(k.user_id) ?? []), k.calendar_id]);
    let queued = 0;
    for (const { user_id } of users) {
      for (const calendarId of new Set(['primary', ...(synced.get(user_id) ?? [])])) {
        await queueCalendarSync(ctx, user_id, calendarId);
        queued++;
      }
    }
    return { users: users.length, queued };
  },

  /** Chat confirms whose write Google refused for now (429/5xx), tried again once their backoff has passed. */
  'retry-writes': (ctx) => retryQueuedWrites(ctx.db, ctx.proposals, ctx.log, ctx.now),

  /** Expired sign-in round trips, one-time codes, idempotency records, proposals, pending questions, old write retries and Telegram bookkeeping. */
  async cleanup(ctx) {
    const now = ctx.now();
    const authRequests = await deleteExpiredAuthRequests(ctx.db, now);
    const idempotencyKeys = await deleteExpiredIdempotencyKeys(ctx.db, now);
    const codes = Number((await ctx.db.deleteFrom('one_time_codes').where('expires_at', '<=', now).executeTakeFirst()).numDeletedRows);
    const chat = await deleteExpiredChat(ctx.db, now);
    const writeRetries = await deleteOldWriteRetries(ctx.db, now);
    const telegram = (await deleteExpiredTelegramUpdates(ctx.db, now)) + (await deleteExpiredTelegramQueuedWrites(ctx.db, now)) + (await deleteOldTelegramChatRates(ctx.db, now));
    return { authRequests, idempotencyKeys, codes, chat, writeRetries, telegram };
  },
};

/**
 * Queues one calendar's sync, keyed by the calendar: a sweep, a push and our own write never sync one calendar
 * twice at once, and while one runs at most one more waits.
 */
export function queueCalendarSync(runner: Pick<JobRunner, 'enqueue'>, userId: string, calendarId: string): Promise<void> {
  return runner.enqueue('sync-calendar', { userId, calendarId }, { dedupeKey: `sync:${userId}:${calendarId}` });
}

/** Runs one job by name and logs its summary and how long it took; the runners differ only in when they call it. */
export async function runJob(name: JobName, ctx: JobContext): Promise<Record<string, number>> {
  const started = ctx.now();
  const summary = await jobHandlers[name](ctx);
  ctx.log.info({ job: name, ms: ctx.now() - started, ...summary }, 'job done');
  return summary;
}
