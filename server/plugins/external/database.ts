import fp from 'fastify-plugin';
import { sql } from 'kysely';
import { createDatabase, migrateToLatest, type Db } from '../../db/database.ts';

declare module 'fastify' {
  interface FastifyInstance {
    db: Db;
  }
}

/** Opens SQLite or PostgreSQL, runs pending migrations before the server takes requests, closes on shutdown. */
export default fp(
  async (app, options: { database: Parameters<typeof createDatabase>[0] }) => {
    const db = createDatabase(options.database);
    const applied = await migrateToLatest(db);
    app.log.info({ database: options.database.kind, applied }, 'database ready');
    app.decorate('db', db);
    app.addHook('onClose', async () => {
      await db.destroy();
    });
  },
  { name: 'database' },
);

export async function databaseReachable(db: Db): Promise<boolean> {
  try {
    await sql`select 1`.execute(db);
    return true;
  } catch {
    return false;
  }
}
