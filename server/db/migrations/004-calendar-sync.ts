import type { Kysely } from 'kysely';

/** A synced copy of each user's calendars: events (instants in UTC, the original zone kept in the JSON) and sync state. */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('calendar_sync')
    .addColumn('user_id', 'text', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('calendar_id', 'text', (c) => c.notNull())
    .addColumn('sync_token', 'text')
    .addColumn('time_zone', 'text')
    .addColumn('synced_at', 'bigint')
    .addPrimaryKeyConstraint('calendar_sync_pk', ['user_id', 'calendar_id'])
    .execute();

  await db.schema
    .createTable('synced_events')
    .addColumn('user_id', 'text', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('calendar_id', 'text', (c) => c.notNull())
    .addColumn('event_id', 'text', (c) => c.notNull())
    .addColumn('start_at', 'bigint', (c) => c.notNull())
    .addColumn('end_at', 'bigint', (c) => c.notNull())
    .addColumn('deleted', 'integer', (c) => c.notNull())
    .addColumn('change_seq', 'bigint', (c) => c.notNull())
    .addColumn('json', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('synced_events_pk', ['user_id', 'calendar_id', 'event_id'])
    .execute();
  await db.schema.createIndex('synced_events_window').on('synced_events').columns(['user_id', 'calendar_id', 'start_at']).execute();
  await db.schema.createIndex('synced_events_changes').on('synced_events').columns(['user_id', 'change_seq']).execute();

  // One change counter per user: the extension's delta feed asks for everything after the number it last saw.
  await db.schema
    .createTable('sync_sequence')
    .addColumn('user_id', 'text', (c) => c.primaryKey().references('users.id').onDelete('cascade'))
    .addColumn('seq', 'bigint', (c) => c.notNull())
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const t of ['sync_sequence', 'synced_events', 'calendar_sync']) await db.schema.dropTable(t).execute();
}
