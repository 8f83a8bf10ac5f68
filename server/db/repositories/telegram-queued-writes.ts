import type { Db } from '../database.ts';
import type { TelegramQueuedWritesTable } from '../schema.ts';

export type TelegramQueuedWrite = TelegramQueuedWritesTable;

export async function rememberTelegramQueuedWrite(db: Db, userId: string, row: Omit<TelegramQueuedWrite, 'user_id'>): Promise<void> {
  await db
    .insertInto('telegram_queued_writes')
    .values({ user_id: userId, ...row })
    .onConflict((oc) => oc.columns(['user_id', 'proposal_id']).doUpdateSet({ chat_id: row.chat_id, message_id: row.message_id, language_code: row.language_code, expires_at: row.expires_at }))
    .execute();
}

/** The chat waiting to hear how this write ended, removed as it is read so it is told once. */
export async function takeTelegramQueuedWrite(db: Db, userId: string, proposalId: string): Promise<TelegramQueuedWrite | undefined> {
  const row = await db.selectFrom('telegram_queued_writes').selectAll().where('user_id', '=', userId).where('proposal_id', '=', proposalId).executeTakeFirst();
  if (!row) return undefined;
  const r = await db.deleteFrom('telegram_queued_writes').where('user_id', '=', userId).where('proposal_id', '=', proposalId).executeTakeFirst();
  // Another instance took it between the two statements: it tells the chat, not us.
  return Number(r.numDeletedRows) === 1 ? row : undefined;
}

export async function deleteExpiredTelegramQueuedWrites(db: Db, now: number): Promise<number> {
  const r = await db.deleteFrom('telegram_queued_writes').where('expires_at', '<=', now).executeTakeFirst();
  return Number(r.numDeletedRows);
}
