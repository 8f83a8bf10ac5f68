import type { Kysely } from 'kysely';

/**
 * The Telegram bridge: which Telegram user speaks for which account, the
 * updates already taken (Telegram redelivers an update until it gets a 200,
 * and several instances may each get one) with each chat's inbox of updates
 * not yet handled (kept until handled, so an answered update survives a crash), and the messages to update when a
 * write confirmed in Telegram and queued for retry finally settles.
 * Telegram's ids are kept as text: they outgrow 32 bits and mean nothing as numbers here.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('telegram_links')
    .addColumn('telegram_user_id', 'text', (c) => c.primaryKey())
    .addColumn('user_id', 'text', (c) => c.notNull().unique().references('users.id').onDelete('cascade'))
    .addColumn('chat_id', 'text', (c) => c.notNull())
    .addColumn('username', 'text')
    .addColumn('linked_at', 'bigint', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('telegram_updates')
    .addColumn('bot_id', 'text', (c) => c.notNull())
    .addColumn('update_id', 'bigint', (c) => c.notNull())
    .addColumn('expires_at', 'bigint', (c) => c.notNull())
    // The chat's inbox: the update waits here, in order, until its chat's task has handled it.
    .addColumn('chat_key', 'text', (c) => c.notNull())
    .addColumn('payload', 'text')
    .addColumn('limited', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('handled_at', 'bigint')
    .addPrimaryKeyConstraint('telegram_updates_pk', ['bot_id', 'update_id'])
    .execute();
  await db.schema.createIndex('telegram_updates_expiry').on('telegram_updates').column('expires_at').execute();
  await db.schema.createIndex('telegram_updates_inbox').on('telegram_updates').columns(['bot_id', 'chat_key', 'handled_at', 'update_id']).execute();

  // Each chat's updates in the current minute, shared by every instance (the per-chat rate limit).
  await db.schema
    .createTable('telegram_chat_rates')
    .addColumn('bot_id', 'text', (c) => c.notNull())
    .addColumn('chat_key', 'text', (c) => c.notNull())
    .addColumn('window_start', 'bigint', (c) => c.notNull())
    .addColumn('count', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('telegram_chat_rates_pk', ['bot_id', 'chat_key'])
    .execute();

  await db.schema
    .createTable('telegram_queued_writes')
    .addColumn('user_id', 'text', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('proposal_id', 'text', (c) => c.notNull())
    .addColumn('chat_id', 'text', (c) => c.notNull())
    .addColumn('message_id', 'bigint', (c) => c.notNull())
    .addColumn('language_code', 'text')
    .addColumn('expires_at', 'bigint', (c) => c.notNull())
    .addPrimaryKeyConstraint('telegram_queued_writes_pk', ['user_id', 'proposal_id'])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('telegram_queued_writes').execute();
  await db.schema.dropTable('telegram_chat_rates').execute();
  await db.schema.dropTable('telegram_updates').execute();
  await db.schema.dropTable('telegram_links').execute();
}
