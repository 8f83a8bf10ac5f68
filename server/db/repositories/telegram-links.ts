import type { Db } from '../database.ts';
import type { TelegramLinksTable } from '../schema.ts';

export type TelegramLink = TelegramLinksTable;

export async function findTelegramLink(db: Db, userId: string): Promise<TelegramLink | undefined> {
  return db.selectFrom('telegram_links').selectAll().where('user_id', '=', userId).executeTakeFirst();
}

/** The account a Telegram user speaks for; the only way from a Telegram message to calendar data. */
export async function findLinkByTelegramUser(db: Db, telegramUserId: string): Promise<TelegramLink | undefined> {
  return db.selectFrom('telegram_links').selectAll().where('telegram_user_id', '=', telegramUserId).executeTakeFirst();
}

/**
 * Binds a Telegram user to the account. One Telegram user per account and one account per Telegram
 * user: linking again (another phone, another account) replaces the earlier link.
 */
export async function linkTelegramUser(db: Db, userId: string, link: { telegramUserId: string; chatId: string; username: string | null }, now: number): Promise<void> {
  await db.transaction().execute(async (tx) => {
    await tx.deleteFrom('telegram_links').where((eb) => eb.or([eb('user_id', '=', userId), eb('telegram_user_id', '=', link.telegramUserId)])).execute();
    await tx.insertInto('telegram_links').values({ telegram_user_id: link.telegramUserId, user_id: userId, chat_id: link.chatId, username: link.username, linked_at: now }).execute();
  });
}

/** True when there was a link to remove. */
export async function unlinkTelegram(db: Db, userId: string): Promise<boolean> {
  const r = await db.deleteFrom('telegram_links').where('user_id', '=', userId).executeTakeFirst();
  return Number(r.numDeletedRows) > 0;
}
