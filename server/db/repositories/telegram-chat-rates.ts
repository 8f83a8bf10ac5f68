import { sql } from 'kysely';
import type { Db } from '../database.ts';

const WINDOW_MS = 60_000;

/**
 * Counts one more update of a chat in its current minute and returns the count, in one statement (an
 * upsert), so several instances share the count and two updates at once never both see the same number.
 */
export async function countTelegramChatUpdate(db: Db, botId: string, chatKey: string, now: number): Promise<number> {
  const expired = sql<boolean>`telegram_chat_rates.window_start <= ${now - WINDOW_MS}`;
  const row = await db
    .insertInto('telegram_chat_rates')
    .values({ bot_id: botId, chat_key: chatKey, window_start: now, count: 1 })
    .onConflict((oc) =>
      oc.columns(['bot_id', 'chat_key']).doUpdateSet({
        count: sql<number>`case when ${expired} then 1 else telegram_chat_rates.count + 1 end`,
        window_start: sql<number>`case when ${expired} then ${now} else telegram_chat_rates.window_start end`,
      }),
    )
    .returning('count')
    .executeTakeFirstOrThrow();
  return Number(row.count);
}

export async function deleteOldTelegramChatRates(db: Db, now: number): Promise<number> {
  const r = await db.deleteFrom('telegram_chat_rates').where('window_start', '<=', now - WINDOW_MS).executeTakeFirst();
  return Number(r.numDeletedRows);
}
