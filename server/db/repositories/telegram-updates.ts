import type { Db } from '../database.ts';
import type { TelegramUpdatesTable } from '../schema.ts';

export type TelegramUpdateRow = TelegramUpdatesTable;

/**
 * Takes an update into its chat's inbox: true the first time this bot's update id is seen, false for a
 * redelivery (Telegram retries until it gets a 200; two instances may both receive one).
 */
export async function recordTelegramUpdate(db: Db, row: { botId: string; updateId: number; chatKey: string; payload: string; expiresAt: number }): Promise<boolean> {
  const r = await db
    .insertInto('telegram_updates')
    .values({ bot_id: row.botId, update_id: row.updateId, chat_key: row.chatKey, payload: row.payload, limited: 0, attempts: 0, handled_at: null, expires_at: row.expiresAt })
    .onConflict((oc) => oc.columns(['bot_id', 'update_id']).doNothing())
    .executeTakeFirst();
  return Number(r.numInsertedOrUpdatedRows ?? 0) === 1;
}

/** The update that took its chat over the rate: it gets a "slow down" instead of an answer. */
export async function markTelegramUpdateLimited(db: Db, botId: string, updateId: number): Promise<void> {
  await db.updateTable('telegram_updates').set({ limited: 1 }).where('bot_id', '=', botId).where('update_id', '=', updateId).execute();
}

/** Gives a claimed update back, when it could not be queued: Telegram's redelivery then gets a second chance. */
export async function releaseTelegramUpdate(db: Db, botId: string, updateId: number): Promise<void> {
  await db.deleteFrom('telegram_updates').where('bot_id', '=', botId).where('update_id', '=', updateId).execute();
}

/** The chat's oldest update not handled yet, counted as one more attempt at it. */
export async function takeNextTelegramUpdate(db: Db, botId: string, chatKey: string): Promise<TelegramUpdateRow | undefined> {
  const row = await db
    .selectFrom('telegram_updates')
    .selectAll()
    .where('bot_id', '=', botId)
    .where('chat_key', '=', chatKey)
    .where('handled_at', 'is', null)
    .orderBy('update_id')
    .limit(1)
    .executeTakeFirst();
  if (!row) return undefined;
  await db.updateTable('telegram_updates').set({ attempts: row.attempts + 1 }).where('bot_id', '=', botId).where('update_id', '=', row.update_id).execute();
  return { ...row, attempts: row.attempts + 1 };
}

/** Done with an update (answered, or given up on): its id stays to recognise a redelivery, its content goes. */
export async function finishTelegramUpdate(db: Db, botId: string, updateId: number, now: number): Promise<void> {
  await db.updateTable('telegram_updates').set({ handled_at: now, payload: null }).where('bot_id', '=', botId).where('update_id', '=', updateId).execute();
}

/** Chats with updates waiting (after a restart: those a process took in and died before handling). */
export async function chatsWithWaitingTelegramUpdates(db: Db, botId: string): Promise<string[]> {
  const rows = await db.selectFrom('telegram_updates').select('chat_key').distinct().where('bot_id', '=', botId).where('handled_at', 'is', null).execute();
  return rows.map((r) => r.chat_key);
}

export async function deleteExpiredTelegramUpdates(db: Db, now: number): Promise<number> {
  const r = await db.deleteFrom('telegram_updates').where('expires_at', '<=', now).executeTakeFirst();
  return Number(r.numDeletedRows);
}
