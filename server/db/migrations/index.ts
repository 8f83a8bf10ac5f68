import type { Migration, MigrationProvider } from 'kysely';
import * as m001 from './001-init.ts';
import * as m002 from './002-idempotency-keys.ts';
import * as m003 from './003-chat.ts';
import * as m004 from './004-calendar-sync.ts';
import * as m005 from './005-watch-channels.ts';
import * as m006 from './006-refresh-lease.ts';
import * as m007 from './007-write-retries.ts';
import * as m008 from './008-telegram.ts';

/** Every migration in order. Each does one thing; a new one is a new file listed here. */
export const migrations: Record<string, Migration> = {
  '001-init': m001,
  '002-idempotency-keys': m002,
  '003-chat': m003,
  '004-calendar-sync': m004,
  '005-watch-channels': m005,
  '006-refresh-lease': m006,
  '007-write-retries': m007,
  '008-telegram': m008,
};

export const migrationProvider: MigrationProvider = {
  getMigrations: async () => migrations,
};
