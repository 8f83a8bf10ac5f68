import { randomBytes } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { buildApp, type BuildOptions } from '../../server/app.ts';
import { emulatorEndpoints, loadConfig, type Config, type GoogleEndpoints } from '../../server/config.ts';
import { DEMO_CLIENT, type GoogleEmulator } from '../../server/dev/google-emulator/app.ts';
import { freshPostgresDatabase } from './services.ts';

export const EXTENSION_ID = 'abcdefghijklmnopabcdefghijklmnop';
export const EXTENSION_REDIRECT = `https://${EXTENSION_ID}.chromiumapp.org/oauth`;
export const PUBLIC_URL = 'http://127.0.0.1:8787';

export type DatabaseChoice = { kind: 'sqlite' } | { kind: 'postgres'; url: string };

/** Everything a log line was written with, so tests can prove no secret reached it. */
export class LogCapture extends Writable {
  readonly lines: string[] = [];
  override _write(chunk: Buffer, _enc: BufferEncoding, done: () => void): void {
    this.lines.push(chunk.toString());
    done();
  }
  get text(): string {
    return this.lines.join('');
  }
}

export interface Companion {
  app: FastifyInstance;
  /** Closes the app, then drops its PostgreSQL database if it made one. */
  close(): Promise<void>;
  config: Config;
  log: LogCapture;
  emulator: GoogleEmulator;
}

/** A companion app (not listening: tests call it with inject) whose Google is the emulator, over real HTTP. */
export async function startCompanion(
  emulator: GoogleEmulator,
  database: DatabaseChoice,
  env: Record<string, string> = {},
  options: BuildOptions = {},
  endpoints: Partial<GoogleEndpoints> = {},
): Promise<Companion> {
  const dataDir = mkdtempSync(join(tmpdir(), 'companion-'));
  const fresh = database.kind === 'postgres' ? await freshPostgresDatabase(database.url, 'companion') : undefined;
  const databaseUrl = fresh?.url;
  const config = loadConfig(
    {
      NODE_ENV: 'test',
      DATA_DIR: dataDir,
      PUBLIC_URL,
      LOG_LEVEL: 'debug',
      TOKEN_ENCRYPTION_KEY: `t1:${randomBytes(32).toString('base64')}`,
      ALLOWED_EXTENSION_IDS: EXTENSION_ID,
      // Jobs run when a test asks (app.jobs.run), never on a timer in the middle of its assertions.
      JOBS: 'off',
      // The server-rendered page at `/`, whether or not a dashboard build lies around.
      WEB_DIR: join(dataDir, 'no-dashboard'),
      ...(databaseUrl ? { DATABASE_URL: databaseUrl } : {}),
      ...env,
    },
    { demoGoogle: { clientId: DEMO_CLIENT.clientId, clientSecret: DEMO_CLIENT.clientSecret, endpoints: { ...emulatorEndpoints(emulator.url), ...endpoints } } },
  );
  const log = new LogCapture();
  const app = await buildApp(config, { logStream: log, retryPolicy: { maxAttempts: 4, baseDelayMs: 5, maxDelayMs: 20, maxWaitMs: 2000 }, ...options });
  await app.ready();
  return {
    app,
    config,
    log,
    emulator,
    close: async () => {
      await app.close();
      await fresh?.drop();
    },
  };
}

/** Follows a redirect to the emulator's consent screen (auto-approve) and returns where Google sends the browser back. */
export async function throughGoogle(authorizeUrl: string): Promise<URL> {
  const res = await fetch(authorizeUrl, { redirect: 'manual' });
  const location = res.headers.get('location');
  if (res.status !== 302 || !location) throw new Error(`emulator consent did not redirect: ${res.status} ${await res.text()}`);
  return new URL(location);
}

export function pathOf(url: URL): string {
  return `${url.pathname}${url.search}`;
}

/**
 * The extension's sign-in, as `launchWebAuthFlow` performs it: start at the
 * companion, consent at Google, come back with a one-time code, trade it for a token.
 */
export async function signInExtension(c: Companion, email: string, startPath = '/auth/google/calendar'): Promise<string> {
  const start = await c.app.inject({ url: `${startPath}?client=extension&redirect=${encodeURIComponent(EXTENSION_REDIRECT)}&state=ext-state` });
  if (start.statusCode !== 302) throw new Error(`start: ${start.statusCode} ${start.body}`);
  const auth = new URL(start.headers.location as string);
  auth.searchParams.set('login_hint', email);
  const back = await throughGoogle(auth.toString());
  const callback = await c.app.inject({ url: pathOf(back) });
  if (callback.statusCode !== 302) throw new Error(`callback: ${callback.statusCode} ${callback.body}`);
  const toExtension = new URL(callback.headers.location as string);
  const code = toExtension.searchParams.get('code');
  if (!code) throw new Error(`no code: ${toExtension}`);
  const exchanged = await c.app.inject({ method: 'POST', url: '/auth/extension/token', payload: { code } });
  if (exchanged.statusCode !== 200) throw new Error(`token: ${exchanged.statusCode} ${exchanged.body}`);
  return exchanged.json().token as string;
}

export function bearer(token: string): Record<string, string> {
  return { authorization: `Bearer ${token}` };
}

export function json<T = Record<string, unknown>>(res: LightMyRequestResponse): T {
  return res.json() as T;
}

/**
 * What several companion instances share to act as one deployment behind a load balancer: a database
 * (a fresh PostgreSQL one, or one SQLite file in a shared DATA_DIR) and the token encryption key.
 * Pass `env` to each startCompanion (with `{ kind: 'sqlite' }`: the env names the database); `drop` after.
 */
export async function sharedDeployment(database: DatabaseChoice, prefix: string): Promise<{ env: Record<string, string>; drop: () => Promise<void> }> {
  const env: Record<string, string> = { TOKEN_ENCRYPTION_KEY: `t1:${randomBytes(32).toString('base64')}` };
  if (database.kind === 'postgres') {
    const fresh = await freshPostgresDatabase(database.url, prefix);
    return { env: { ...env, DATABASE_URL: fresh.url }, drop: fresh.drop };
  }
  return { env: { ...env, DATA_DIR: mkdtempSync(join(tmpdir(), `companion-${prefix}-`)) }, drop: async () => undefined };
}
