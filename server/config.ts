import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { z } from 'zod';
import { CHROME_EXTENSION_ID, FIREFOX_ADDON_ID } from '../shared/extension-identity.ts';
import { Secret } from './secret.ts';

/** Google's production endpoints; the demo mode and tests point the same code at the emulator instead. */
export interface GoogleEndpoints {
  authUrl: string;
  tokenUrl: string;
  revokeUrl: string;
  pemCertsUrl: string;
  jwkCertsUrl: string;
  userinfoUrl: string;
  /** rootUrl for @googleapis/calendar, with a trailing slash. */
  apiRoot: string;
  /** Accepted `iss` values of id_tokens. */
  issuers: string[];
}

export const GOOGLE_ENDPOINTS: GoogleEndpoints = {
  authUrl: 'https://accounts.google.com/o/oauth2/v2/auth',
  tokenUrl: 'https://oauth2.googleapis.com/token',
  revokeUrl: 'https://oauth2.googleapis.com/revoke',
  pemCertsUrl: 'https://www.googleapis.com/oauth2/v1/certs',
  jwkCertsUrl: 'https://www.googleapis.com/oauth2/v3/certs',
  userinfoUrl: 'https://openidconnect.googleapis.com/v1/userinfo',
  apiRoot: 'https://www.googleapis.com/',
  issuers: ['https://accounts.google.com', 'accounts.google.com'],
};

export function emulatorEndpoints(base: string): GoogleEndpoints {
  const b = base.replace(/\/+$/, '');
  return {
    authUrl: `${b}/o/oauth2/v2/auth`,
    tokenUrl: `${b}/token`,
    revokeUrl: `${b}/revoke`,
    pemCertsUrl: `${b}/oauth2/v1/certs`,
    jwkCertsUrl: `${b}/oauth2/v3/certs`,
    userinfoUrl: `${b}/v1/userinfo`,
    apiRoot: `${b}/`,
    issuers: [b],
  };
}

export interface Config {
  env: 'development' | 'production' | 'test';
  port: number;
  host: string;
  dataDir: string;
  publicUrl: string;
  database: { kind: 'sqlite'; file: string } | { kind: 'postgres'; url: string };
  google: { clientId: string; clientSecret: string; endpoints: GoogleEndpoints; demo: boolean; timeoutMs: number };
  /** AES-256 keys by id; the first is used to encrypt, all are tried to decrypt (rotation). */
  encryption: { currentKeyId: string; keys: Map<string, Buffer> };
  allowedExtensionIds: string[];
  /** Background jobs: run in this process on timers, or not at all (another instance or a queue runs them). */
  jobs: { mode: 'in-process' | 'off' | 'queue'; refreshTokensEveryMs: number; cleanupEveryMs: number; syncEveryMs: number; retryWritesEveryMs: number };
  /** Chat confirms Google refused for now, tried again in the background: tries in all, and the backoff's first step. */
  writeRetries: { maxAttempts: number; baseDelayMs: number; maxDelayMs: number; leaseMs: number };
  /** Redis for the job queue (BullMQ) and cross-instance locks; without it, one instance runs everything itself. */
  redis: { url: string; prefix: string; stalledIntervalMs: number } | null;
  /** Ask Google to push change notifications to /webhooks/google/calendar (it only delivers to https addresses). */
  watchChannels: boolean;
  /** The built web dashboard (`npm run build`), served at `/` when present. */
  webDir: string;
  logLevel: string;
  apiTokenTtlDays: number;
  webSessionTtlDays: number;
  rateLimit: { perMinute: number; authPerMinute: number };
  /** The language model that reads messages, when a key is set; the local parser otherwise and as fallback. */
  llm: { apiKey: string; baseURL: string | undefined; model: string; timeoutMs: number } | null;
  /** The Telegram bot, when a token is set: Telegram posts updates to /webhooks/telegram, or the companion long-polls. */
  telegram: TelegramConfig | null;
}

export interface TelegramConfig {
  token: Secret;
  /** The bot's numeric id: the token's public half, before the colon. */
  botId: string;
  /** Checked against X-Telegram-Bot-Api-Secret-Token on every webhook call; without it there is no webhook route. */
  webhookSecret: Secret | null;
  /** webhook: Telegram posts to us (setWebhook is called when PUBLIC_URL is https); polling: we ask with getUpdates. */
  mode: 'webhook' | 'polling';
  /** The Bot API server, without a trailing slash: Telegram's, or a local fake in tests and the demo. */
  apiRoot: string;
  perChatPerMinute: number;
}

const csv = z
  .string()
  .default('')
  .transform((s) => s.split(',').map((x) => x.trim()).filter(Boolean));

export const envSchema = z
  .object({
    NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
    PORT: z.coerce.number().int().min(0).max(65535).default(8787),
    HOST: z.string().min(1).default('127.0.0.1'),
    DATA_DIR: z.string().min(1).default('./data'),
    PUBLIC_URL: z.string().url().optional(),
    DATABASE_URL: z.string().regex(/^postgres(ql)?:\/\//, 'must be a postgres:// URL').optional(),
    GOOGLE_CLIENT_ID: z.string().min(1).optional(),
    GOOGLE_CLIENT_SECRET: z.string().min(1).optional(),
    GOOGLE_TIMEOUT_MS: z.coerce.number().int().min(100).max(120_000).default(10_000),
    TOKEN_ENCRYPTION_KEY: z.string().min(1).optional(),
    ALLOWED_EXTENSION_IDS: csv,
    WEB_DIR: z.string().min(1).default('.output/web'),
    JOBS: z.enum(['in-process', 'queue', 'off']).optional(),
    REFRESH_TOKENS_EVERY_SECONDS: z.coerce.number().int().min(5).default(300),
    CLEANUP_EVERY_SECONDS: z.coerce.number().int().min(5).default(3600),
    SYNC_EVERY_SECONDS: z.coerce.number().int().min(5).default(60),
    RETRY_WRITES_EVERY_SECONDS: z.coerce.number().int().min(1).default(10),
    RETRY_WRITE_MAX_ATTEMPTS: z.coerce.number().int().min(1).max(50).default(8),
    RETRY_WRITE_BASE_SECONDS: z.coerce.number().min(0).max(3600).default(5),
    RETRY_WRITE_LEASE_SECONDS: z.coerce.number().int().min(1).max(3600).default(60),
    WATCH_CHANNELS: z.enum(['auto', 'on', 'off']).default('auto'),
    REDIS_URL: z.string().regex(/^rediss?:\/\//, 'must be a redis:// URL').optional(),
    QUEUE_PREFIX: z.string().regex(/^[\w-]{1,40}$/).default('calendar-assistant'),
    QUEUE_STALLED_SECONDS: z.coerce.number().int().min(1).max(600).default(30),
    LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
    API_TOKEN_TTL_DAYS: z.coerce.number().int().min(1).max(365).default(30),
    WEB_SESSION_TTL_DAYS: z.coerce.number().int().min(1).max(365).default(14),
    RATE_LIMIT_PER_MINUTE: z.coerce.number().int().min(1).default(300),
    OPENAI_API_KEY: z.string().min(1).optional(),
    OPENAI_BASE_URL: z.string().url().optional(),
    OPENAI_MODEL: z.string().min(1).default('gpt-4o-mini'),
    OPENAI_TIMEOUT_MS: z.coerce.number().int().min(100).max(60_000).default(4000),
    AUTH_RATE_LIMIT_PER_MINUTE: z.coerce.number().int().min(1).default(30),
    TELEGRAM_BOT_TOKEN: z.string().regex(/^\d{1,20}:[A-Za-z0-9_-]{20,100}$/, 'must be the token @BotFather gave you (123456789:AA…)').optional(),
    // Telegram's own rule for secret_token is 1–256 of these characters; fewer than 16 would be guessable.
    TELEGRAM_WEBHOOK_SECRET: z.string().regex(/^[A-Za-z0-9_-]{16,256}$/, 'must be 16–256 letters, digits, _ or - (e.g. openssl rand -hex 32)').optional(),
    TELEGRAM_MODE: z.enum(['auto', 'webhook', 'polling']).default('auto'),
    TELEGRAM_API_ROOT: z.string().url().default('https://api.telegram.org'),
    TELEGRAM_RATE_LIMIT_PER_MINUTE: z.coerce.number().int().min(1).max(1000).default(20),
  })
  .refine((e) => Boolean(e.GOOGLE_CLIENT_ID) === Boolean(e.GOOGLE_CLIENT_SECRET), {
    message: 'set both GOOGLE_CLIENT_ID and GOOGLE_CLIENT_SECRET, or neither (demo mode)',
    path: ['GOOGLE_CLIENT_SECRET'],
  })
  .refine((e) => e.NODE_ENV !== 'production' || Boolean(e.TOKEN_ENCRYPTION_KEY), {
    message: 'required in production (generate one with: openssl rand -base64 32)',
    path: ['TOKEN_ENCRYPTION_KEY'],
  })
  .refine((e) => e.NODE_ENV !== 'production' || Boolean(e.GOOGLE_CLIENT_ID), {
    message: 'required in production: demo mode is for development only',
    path: ['GOOGLE_CLIENT_ID'],
  })
  .refine((e) => e.JOBS !== 'queue' || Boolean(e.REDIS_URL), {
    message: 'JOBS=queue needs REDIS_URL (the queue lives in Redis)',
    path: ['REDIS_URL'],
  })
  .refine((e) => !e.TELEGRAM_WEBHOOK_SECRET || Boolean(e.TELEGRAM_BOT_TOKEN), {
    message: 'set TELEGRAM_BOT_TOKEN too (the secret is for that bot\'s webhook)',
    path: ['TELEGRAM_WEBHOOK_SECRET'],
  })
  .refine((e) => e.TELEGRAM_MODE !== 'webhook' || Boolean(e.TELEGRAM_WEBHOOK_SECRET), {
    message: 'TELEGRAM_MODE=webhook needs TELEGRAM_WEBHOOK_SECRET (an unauthenticated webhook would take updates from anyone)',
    path: ['TELEGRAM_WEBHOOK_SECRET'],
  });

export class ConfigError extends Error {}

/**
 * Reads the environment, failing fast with one line per bad variable. `google`
 * comes from the caller when running in demo mode (the emulator's endpoints).
 */
export function loadConfig(
  env: NodeJS.ProcessEnv,
  overrides: { demoGoogle?: { clientId: string; clientSecret: string; endpoints: GoogleEndpoints } } = {},
): Config {
  // An empty variable (FOO= in a compose file or .env) means "not set", not "set to nothing".
  const parsed = envSchema.safeParse(Object.fromEntries(Object.entries(env).filter(([, v]) => v !== '')));
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.') || '(env)'}: ${i.message}`);
    throw new ConfigError(`Invalid configuration:\n${lines.join('\n')}`);
  }
  const e = parsed.data;
  const dataDir = resolve(e.DATA_DIR);
  const publicUrl = (e.PUBLIC_URL ?? `http://${e.HOST.includes(':') ? `[${e.HOST}]` : e.HOST}:${e.PORT}`).replace(/\/+$/, '');
  const demo = !e.GOOGLE_CLIENT_ID;
  if (demo && !overrides.demoGoogle) throw new ConfigError('No Google credentials and no emulator to fall back on (demo mode)');
  const google = demo
    ? { ...overrides.demoGoogle!, demo: true, timeoutMs: e.GOOGLE_TIMEOUT_MS }
    : { clientId: e.GOOGLE_CLIENT_ID!, clientSecret: e.GOOGLE_CLIENT_SECRET!, endpoints: GOOGLE_ENDPOINTS, demo: false, timeoutMs: e.GOOGLE_TIMEOUT_MS };
  return {
    env: e.NODE_ENV,
    port: e.PORT,
    host: e.HOST,
    dataDir,
    publicUrl,
    database: e.DATABASE_URL ? { kind: 'postgres', url: e.DATABASE_URL } : { kind: 'sqlite', file: join(dataDir, 'companion.sqlite') },
    google,
    encryption: parseKeys(e.TOKEN_ENCRYPTION_KEY ?? devKey(dataDir)),
    // Outside production the extension built from this repository may sign in without configuration.
    allowedExtensionIds: e.ALLOWED_EXTENSION_IDS.length || e.NODE_ENV === 'production' ? e.ALLOWED_EXTENSION_IDS : [CHROME_EXTENSION_ID, FIREFOX_ADDON_ID],
    webDir: resolve(e.WEB_DIR),
    // A job whose instance died is taken up again by another once its lock (this long) has lapsed.
    redis: e.REDIS_URL ? { url: e.REDIS_URL, prefix: e.QUEUE_PREFIX, stalledIntervalMs: e.QUEUE_STALLED_SECONDS * 1000 } : null,
    watchChannels: e.WATCH_CHANNELS === 'on' || (e.WATCH_CHANNELS === 'auto' && publicUrl.startsWith('https:')),
    // With Redis the jobs go through the shared queue (every instance works it); otherwise each runs them itself.
    jobs: { mode: e.JOBS ?? (e.REDIS_URL ? 'queue' : 'in-process'), refreshTokensEveryMs: e.REFRESH_TOKENS_EVERY_SECONDS * 1000, cleanupEveryMs: e.CLEANUP_EVERY_SECONDS * 1000, syncEveryMs: e.SYNC_EVERY_SECONDS * 1000, retryWritesEveryMs: e.RETRY_WRITES_EVERY_SECONDS * 1000 },
    writeRetries: { maxAttempts: e.RETRY_WRITE_MAX_ATTEMPTS, baseDelayMs: e.RETRY_WRITE_BASE_SECONDS * 1000, maxDelayMs: 15 * 60_000, leaseMs: e.RETRY_WRITE_LEASE_SECONDS * 1000 },
    logLevel: e.LOG_LEVEL,
    apiTokenTtlDays: e.API_TOKEN_TTL_DAYS,
    webSessionTtlDays: e.WEB_SESSION_TTL_DAYS,
    rateLimit: { perMinute: e.RATE_LIMIT_PER_MINUTE, authPerMinute: e.AUTH_RATE_LIMIT_PER_MINUTE },
    llm: e.OPENAI_API_KEY ? { apiKey: e.OPENAI_API_KEY, baseURL: e.OPENAI_BASE_URL, model: e.OPENAI_MODEL, timeoutMs: e.OPENAI_TIMEOUT_MS } : null,
    telegram: telegramConfig(e, publicUrl),
  };
}

/**
 * Webhook mode when a secret is set and Telegram can reach us (it delivers to https only), or when asked for
 * (behind a proxy that terminates TLS elsewhere, and the tests); long polling otherwise.
 */
function telegramConfig(e: z.infer<typeof envSchema>, publicUrl: string): TelegramConfig | null {
  if (!e.TELEGRAM_BOT_TOKEN) return null;
  const auto = e.TELEGRAM_WEBHOOK_SECRET && publicUrl.startsWith('https:') ? 'webhook' : 'polling';
  return {
    token: new Secret(e.TELEGRAM_BOT_TOKEN),
    botId: e.TELEGRAM_BOT_TOKEN.split(':')[0]!,
    webhookSecret: e.TELEGRAM_WEBHOOK_SECRET ? new Secret(e.TELEGRAM_WEBHOOK_SECRET) : null,
    mode: e.TELEGRAM_MODE === 'auto' ? auto : e.TELEGRAM_MODE,
    apiRoot: e.TELEGRAM_API_ROOT.replace(/\/+$/, ''),
    perChatPerMinute: e.TELEGRAM_RATE_LIMIT_PER_MINUTE,
  };
}

/**
 * `TOKEN_ENCRYPTION_KEY` is `id:base64,id:base64,…` (the first encrypts, all decrypt) or
 * one bare base64 key (id "k1"). Each key is 32 bytes.
 */
export function parseKeys(value: string): Config['encryption'] {
  const keys = new Map<string, Buffer>();
  let currentKeyId = '';
  for (const part of value.split(',').map((p) => p.trim()).filter(Boolean)) {
    const [id, b64] = part.includes(':') ? (part.split(':', 2) as [string, string]) : ['k1', part];
    const key = Buffer.from(b64, 'base64');
    if (key.length !== 32) throw new ConfigError(`Invalid configuration:\n  TOKEN_ENCRYPTION_KEY: key "${id}" must be 32 bytes of base64 (got ${key.length})`);
    if (!/^[A-Za-z0-9_-]{1,32}$/.test(id)) throw new ConfigError(`Invalid configuration:\n  TOKEN_ENCRYPTION_KEY: key id "${id}" must be 1-32 letters, digits, _ or -`);
    keys.set(id, key);
    currentKeyId ||= id;
  }
  if (!currentKeyId) throw new ConfigError('Invalid configuration:\n  TOKEN_ENCRYPTION_KEY: no key given');
  return { currentKeyId, keys };
}

/** In development a key is generated once and kept in DATA_DIR (mode 0600), so tokens survive restarts. */
function devKey(dataDir: string): string {
  const file = join(dataDir, 'token-encryption.key');
  if (existsSync(file)) return readFileSync(file, 'utf8').trim();
  mkdirSync(dataDir, { recursive: true });
  const value = `dev1:${randomBytes(32).toString('base64')}`;
  writeFileSync(file, value, { mode: 0o600 });
  return value;
}
