import type { Db } from '../database.ts';

/**
 * Takes an update for handling: true the first time this bot's update id is seen, false for a
 * redelivery (Telegram retries until it gets a 200; two instances may both receive one).
 */
export async function claimTelegramUpdate(db: Db, botId: string, updateId: number, expiresAt: number): Promise<boolean> {
  const r = await db.insertInto('telegram_updates').values({ bot_id: botId, update_id: updateId, expires_at: expiresAt }).onConflict((oc) => oc.columns(['bot_id', 'update_id']).doNothing()).executeTakeFirst();
  return Number(r.numInsertedOrUpdatedRows ?? 0) === 1;
}

/** Gives a claimed update back, when it could not be queued: Telegram's redelivery then gets a second chance. */
export async function releaseTelegramUpdate(db: Db, botId: string, updateId: number): Promise<void> {
  await db.deleteFrom('telegram_updates').where('bot_id', '=', botId).where('update_id', '=', updateId).execute();
}

export async function deleteExpiredTelegramUpdates(db: Db, now: number): Promise<number> {
  const r = await db.deleteFrom('telegram_updates').where('expires_at', '<=', now).executeTakeFirst();
  return Number(r.numDeletedRows);
}
