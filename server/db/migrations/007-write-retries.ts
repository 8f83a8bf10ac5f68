import type { Kysely } from 'kysely';

/**
 * Chat confirms whose write Google refused for now (429, 5xx) and that the
 * companion keeps trying in the background: when to try next, who holds the
 * row while trying (so two instances never try one write at once), and the
 * dead letters the user is shown when it gave up.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('write_retries')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('user_id', 'text', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('proposal_id', 'text', (c) => c.notNull())
    .addColumn('option_id', 'text', (c) => c.notNull())
    .addColumn('label', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('attempts', 'integer', (c) => c.notNull())
    .addColumn('next_attempt_at', 'bigint', (c) => c.notNull())
    .addColumn('lease_until', 'bigint')
    .addColumn('last_error', 'text')
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('updated_at', 'bigint', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('write_retries_due').on('write_retries').columns(['status', 'next_attempt_at']).execute();
  await db.schema.createIndex('write_retries_user').on('write_retries').columns(['user_id', 'created_at']).execute();
  await db.schema.createIndex('write_retries_proposal').on('write_retries').columns(['user_id', 'proposal_id']).unique().execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('write_retries').execute();
}
