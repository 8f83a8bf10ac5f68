import pg from 'pg';

/**
 * Suites that need a system service (PostgreSQL, Chromium, Redis) run when it is
 * there and are skipped with a loud notice when not — unless REQUIRE_ALL_SUITES=1
 * (CI), where a missing service fails the run instead.
 */
export function serviceMissing(name: string, hint: string): void {
  const message = `${name} is not available: ${hint}`;
  if (process.env.REQUIRE_ALL_SUITES === '1') throw new Error(`REQUIRE_ALL_SUITES=1 and ${message}`);
  console.warn(`\n*** SKIPPED: suites needing ${message} ***\n`);
}

export const DEFAULT_TEST_DATABASE_URL = 'postgres://calendar:calendar@127.0.0.1:5432/calendar_test';

let probed: Promise<string | null> | undefined;

/** The PostgreSQL URL tests may use (TEST_DATABASE_URL, or the local default that .ci/run creates), or null. */
export function postgresUrl(): Promise<string | null> {
  probed ??= (async () => {
    const url = process.env.TEST_DATABASE_URL ?? DEFAULT_TEST_DATABASE_URL;
    const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 2000 });
    try {
      await client.connect();
      await client.query('select 1');
      return url;
    } catch {
      serviceMissing('PostgreSQL', `could not connect to ${url.replace(/:[^:@/]+@/, ':***@')} (set TEST_DATABASE_URL, or run .ci/run's setup)`);
      return null;
    } finally {
      await client.end().catch(() => undefined);
    }
  })();
  return probed;
}

/** A fresh schema in the test database, so parallel test files never see each other's rows. */
export async function freshPostgresSchema(url: string, prefix: string): Promise<string> {
  const schema = `${prefix}_${Math.random().toString(36).slice(2, 10)}`;
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  await client.query(`create schema ${schema}`);
  await client.end();
  const withSchema = new URL(url);
  withSchema.searchParams.set('options', `-c search_path=${schema}`);
  return withSchema.toString();
}
