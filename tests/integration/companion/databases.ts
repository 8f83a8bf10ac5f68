import type { DatabaseChoice } from '../../support/companion.ts';
import { postgresUrl } from '../../support/services.ts';

/** Each companion suite runs on SQLite always and on PostgreSQL when it is reachable. */
export async function databases(): Promise<Array<[string, DatabaseChoice]>> {
  const url = await postgresUrl();
  return [['SQLite', { kind: 'sqlite' }], ...(url ? ([['PostgreSQL', { kind: 'postgres', url }]] as Array<[string, DatabaseChoice]>) : [])];
}
