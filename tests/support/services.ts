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

const probes = new Map<string, Promise<string | null>>();

/** `url` when `check` can reach the service there (asked once per process), else null with the loud notice. */
function probeOnce(name: string, url: string, variable: string, check: () => Promise<void>): Promise<string | null> {
  let probe = probes.get(name);
  if (!probe) {
    probe = check().then(
      () => url,
      () => {
        serviceMissing(name, `could not connect to ${url.replace(/:[^:@/]+@/, ':***@')} (set ${variable}, or run .ci/run's setup)`);
        return null;
      },
    );
    probes.set(name, probe);
  }
  return probe;
}

/** The PostgreSQL URL tests may use (TEST_DATABASE_URL, or the local default that .ci/run creates), or null. */
export function postgresUrl(): Promise<string | null> {
  const url = process.env.TEST_DATABASE_URL ?? DEFAULT_TEST_DATABASE_URL;
  return probeOnce('PostgreSQL', url, 'TEST_DATABASE_URL', async () => {
    const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 2000 });
    try {
      await client.connect();
      await client.query('select 1');
    } finally {
      await client.end().catch(() => undefined);
    }
  });
}

export const DEFAULT_TEST_REDIS_URL = 'redis://127.0.0.1:6379';

/** The Redis URL tests may use (TEST_REDIS_URL, or the local default .ci/run starts), or null. */
export function redisUrl(): Promise<string | null> {
  const url = process.env.TEST_REDIS_URL ?? DEFAULT_TEST_REDIS_URL;
  return probeOnce('Redis', url, 'TEST_REDIS_URL', async () => {
    const { Redis } = await import('ioredis');
    const client = new Redis(url, { lazyConnect: true, connectTimeout: 2000, maxRetriesPerRequest: 0, retryStrategy: () => null });
    client.on('error', () => undefined);
    try {
      await client.connect();
      await client.ping();
    } finally {
      client.disconnect();
    }
  });
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
      try {
        // Our own sessions left in it are ended here; a plain drop then deals with an autovacuum worker itself (it
        // stops it), where `with (force)` refused to end one, a process of another role, and failed the suite.
        await c.query('select pg_terminate_backend(pid) from pg_stat_activity where datname = $1 and usename = current_user and pid <> pg_backend_pid()', [name]);
        await c.query(`drop database if exists ${name}`);
      } finally {
        await c.end();
      }
    },
  };
}
