import type { Kysely } from 'kysely';

/** Google push-notification channels we opened, to check incoming notifications and renew before expiry. */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('watch_channels')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('user_id', 'text', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('calendar_id', 'text', (c) => c.notNull())
    .addColumn('resource_id', 'text', (c) => c.notNull())
    .addColumn('token_hash', 'text', (c) => c.notNull())
    .addColumn('expires_at', 'bigint', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('watch_channels_user').on('watch_channels').columns(['user_id', 'calendar_id']).execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('watch_channels').execute();
}
