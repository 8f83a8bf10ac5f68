import type { Kysely } from 'kysely';

/**
 * A short lease on a connection's token refresh, so that of several companion
 * instances on one database only one asks Google at a time (the others wait and
 * read the token it saved): in-process single-flight cannot see across instances.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('google_connections').addColumn('refresh_lease_until', 'bigint').execute();
  await db.schema.alterTable('google_connections').addColumn('refresh_lease_owner', 'text').execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('google_connections').dropColumn('refresh_lease_owner').execute();
  await db.schema.alterTable('google_connections').dropColumn('refresh_lease_until').execute();
}
