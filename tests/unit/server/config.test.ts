import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError, emulatorEndpoints, loadConfig, parseKeys } from '../../../server/config.ts';

const demo = { demoGoogle: { clientId: 'c', clientSecret: 's', endpoints: emulatorEndpoints('http://127.0.0.1:4010') } };
const key = () => randomBytes(32).toString('base64');
const dir = () => mkdtempSync(join(tmpdir(), 'cfg-'));
const TG_TOKEN = '123456789:AAHk3vQ9exampleTokenForConfigTests_0';
const SECRET = 'a-webhook-secret-0123456789';

describe('loadConfig', () => {
  it('defaults to SQLite in DATA_DIR and demo mode without Google credentials', () => {
    const dataDir = dir();
    const config = loadConfig({ DATA_DIR: dataDir }, demo);
    expect(config.database).toEqual({ kind: 'sqlite', file: join(dataDir, 'companion.sqlite') });
    expect(config.google.demo).toBe(true);
    expect(config.publicUrl).toBe('http://127.0.0.1:8787');
  });

  it('uses PostgreSQL when DATABASE_URL is set', () => {
    const config = loadConfig({ DATA_DIR: dir(), DATABASE_URL: 'postgres://u:p@db:5432/cal' }, demo);
    expect(config.database).toEqual({ kind: 'postgres', url: 'postgres://u:p@db:5432/cal' });
  });

  it("takes BullMQ's 30 s stalled-job check unless QUEUE_STALLED_SECONDS shortens it", () => {
    expect(loadConfig({ DATA_DIR: dir(), REDIS_URL: 'redis://r:6379' }, demo).redis).toEqual({ url: 'redis://r:6379', prefix: 'calendar-assistant', stalledIntervalMs: 30_000 });
    expect(loadConfig({ DATA_DIR: dir(), REDIS_URL: 'redis://r:6379', QUEUE_STALLED_SECONDS: '2' }, demo).redis?.stalledIntervalMs).toBe(2000);
  });

  it('uses Google itself when credentials are set', () => {
    const config = loadConfig({ DATA_DIR: dir(), GOOGLE_CLIENT_ID: 'id.apps.googleusercontent.com', GOOGLE_CLIENT_SECRET: 'x' });
    expect(config.google).toMatchObject({ demo: false, clientId: 'id.apps.googleusercontent.com' });
    expect(config.google.endpoints.tokenUrl).toBe('https://oauth2.googleapis.com/token');
  });

  it('generates a development key once, kept in DATA_DIR with mode 0600', () => {
    const dataDir = dir();
    const first = loadConfig({ DATA_DIR: dataDir }, demo);
    const second = loadConfig({ DATA_DIR: dataDir }, demo);
    expect(second.encryption.keys.get(second.encryption.currentKeyId)).toEqual(first.encryption.keys.get(first.encryption.currentKeyId));
    const file = join(dataDir, 'token-encryption.key');
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(readFileSync(file, 'utf8')).toMatch(/^dev1:/);
  });

  it.each([
    [{ PORT: 'eighty' }, 'PORT'],
    [{ PUBLIC_URL: 'not a url' }, 'PUBLIC_URL'],
    [{ DATABASE_URL: 'mysql://x' }, 'DATABASE_URL'],
    [{ GOOGLE_CLIENT_ID: 'only-the-id' }, 'GOOGLE_CLIENT_SECRET'],
    [{ NODE_ENV: 'production', GOOGLE_CLIENT_ID: 'a', GOOGLE_CLIENT_SECRET: 'b' }, 'TOKEN_ENCRYPTION_KEY'],
    [{ NODE_ENV: 'production', TOKEN_ENCRYPTION_KEY: key() }, 'GOOGLE_CLIENT_ID'],
    [{ TOKEN_ENCRYPTION_KEY: 'k1:c2hvcnQ=' }, 'TOKEN_ENCRYPTION_KEY'],
    [{ LOG_LEVEL: 'loud' }, 'LOG_LEVEL'],
    [{ TELEGRAM_BOT_TOKEN: 'not-a-token' }, 'TELEGRAM_BOT_TOKEN'],
    [{ TELEGRAM_WEBHOOK_SECRET: 'a'.repeat(20) }, 'TELEGRAM_WEBHOOK_SECRET'],
    [{ TELEGRAM_BOT_TOKEN: TG_TOKEN, TELEGRAM_WEBHOOK_SECRET: 'short' }, 'TELEGRAM_WEBHOOK_SECRET'],
    [{ TELEGRAM_BOT_TOKEN: TG_TOKEN, TELEGRAM_WEBHOOK_SECRET: 'has spaces in it, not allowed' }, 'TELEGRAM_WEBHOOK_SECRET'],
    [{ TELEGRAM_BOT_TOKEN: TG_TOKEN, TELEGRAM_MODE: 'webhook' }, 'TELEGRAM_WEBHOOK_SECRET'],
    [{ TELEGRAM_BOT_TOKEN: TG_TOKEN, TELEGRAM_API_ROOT: 'api.telegram.org' }, 'TELEGRAM_API_ROOT'],
  ])('fails fast naming the variable: %o', (env, variable) => {
    expect(() => loadConfig({ DATA_DIR: dir(), ...env }, demo)).toThrow(ConfigError);
    expect(() => loadConfig({ DATA_DIR: dir(), ...env }, demo)).toThrow(variable);
  });
});

describe('the Telegram settings', () => {
  it.each([
    [{}, null],
    [{ TELEGRAM_BOT_TOKEN: '' }, null],
    [{ TELEGRAM_BOT_TOKEN: TG_TOKEN }, { mode: 'polling', botId: '123456789', apiRoot: 'https://api.telegram.org', perChatPerMinute: 20 }],
    [{ TELEGRAM_BOT_TOKEN: TG_TOKEN, TELEGRAM_WEBHOOK_SECRET: SECRET }, { mode: 'polling' }],
    [{ TELEGRAM_BOT_TOKEN: TG_TOKEN, TELEGRAM_WEBHOOK_SECRET: SECRET, PUBLIC_URL: 'https://cal.example.com' }, { mode: 'webhook' }],
    [{ TELEGRAM_BOT_TOKEN: TG_TOKEN, TELEGRAM_WEBHOOK_SECRET: SECRET, TELEGRAM_MODE: 'webhook' }, { mode: 'webhook' }],
    [{ TELEGRAM_BOT_TOKEN: TG_TOKEN, TELEGRAM_WEBHOOK_SECRET: SECRET, PUBLIC_URL: 'https://cal.example.com', TELEGRAM_MODE: 'polling' }, { mode: 'polling' }],
    [{ TELEGRAM_BOT_TOKEN: TG_TOKEN, TELEGRAM_API_ROOT: 'http://127.0.0.1:8081/' }, { apiRoot: 'http://127.0.0.1:8081' }],
  ])('%o gives %o', (env, expected) => {
    const telegram = loadConfig({ DATA_DIR: dir(), ...env }, demo).telegram;
    if (expected === null) expect(telegram).toBeNull();
    else expect(telegram).toMatchObject(expected);
  });

  it('keeps the token and secret out of JSON and string forms, and out of the error for a bad one', () => {
    const telegram = loadConfig({ DATA_DIR: dir(), TELEGRAM_BOT_TOKEN: TG_TOKEN, TELEGRAM_WEBHOOK_SECRET: SECRET }, demo).telegram!;
    expect(JSON.stringify(telegram)).not.toContain(TG_TOKEN.split(':')[1]);
    expect(JSON.stringify(telegram)).not.toContain(SECRET);
    expect(telegram.token.reveal()).toBe(TG_TOKEN);
    expect(() => loadConfig({ DATA_DIR: dir(), TELEGRAM_BOT_TOKEN: 'oops-pasted-the-wrong-thing-12345' }, demo)).toThrow(/^((?!oops-pasted).)*$/s);
  });
});

describe('parseKeys', () => {
  it('takes the first key to encrypt and keeps the others to decrypt', () => {
    const parsed = parseKeys(`new:${key()},old:${key()}`);
    expect(parsed.currentKeyId).toBe('new');
    expect([...parsed.keys.keys()]).toEqual(['new', 'old']);
  });

  it('accepts one bare base64 key as id k1', () => {
    expect(parseKeys(key()).currentKeyId).toBe('k1');
  });
});
