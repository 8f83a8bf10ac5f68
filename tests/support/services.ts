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

/** A fresh database on the test server, so parallel test files never see each other's rows; `drop` removes it. */
export async function freshPostgresDatabase(url: string, prefix: string): Promise<{ url: string; drop: () => Promise<void> }> {
  const name = `${prefix}_${Date.now().toString(36)}_${Math.random().toString(36).slice(2, 8)}`;
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  await admin.query(`create database ${name}`);
  await admin.end();
  const dbUrl = new URL(url);
  dbUrl.pathname = `/${name}`;
  return {
    url: dbUrl.toString(),
    drop: async () => {
      const c = new pg.Client({ connectionString: url });
      await c.connect();
      await c.query(`drop database if exists ${name} with (force)`);
      await c.end();
    },
  };
}

export const DEFAULT_TEST_REDIS_URL = 'redis://127.0.0.1:6379';

let redisProbed: Promise<string | null> | undefined;

/** The Redis URL tests may use (TEST_REDIS_URL, or the local default .ci/run starts), or null. */
export function redisUrl(): Promise<string | null> {
  redisProbed ??= (async () => {
    const url = process.env.TEST_REDIS_URL ?? DEFAULT_TEST_REDIS_URL;
    const { Redis } = await import('ioredis');
    const client = new Redis(url, { lazyConnect: true, connectTimeout: 2000, maxRetriesPerRequest: 0, retryStrategy: () => null });
    client.on('error', () => undefined);
    try {
      await client.connect();
      await client.ping();
      return url;
    } catch {
      serviceMissing('Redis', `could not connect to ${url} (set TEST_REDIS_URL, or run .ci/run's setup)`);
      return null;
    } finally {
      client.disconnect();
    }
  })();
  return redisProbed;
}
