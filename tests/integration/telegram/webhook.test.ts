import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { GoogleEmulator } from '../../../server/dev/google-emulator/app.ts';
import { startFakeTelegram, type FakeTelegram } from '../../fakes/telegram-bot-api.ts';
import { bearer, signInExtension, startCompanion } from '../../support/companion.ts';
import { startEmulator } from '../../support/google-emulator.ts';
import { BOT_TOKEN, lastReply, startTelegramCompanion, WEBHOOK_SECRET, type TelegramCompanion } from '../../support/telegram.ts';

describe('the Telegram webhook', () => {
  let emulator: GoogleEmulator;
  let c: TelegramCompanion;
  let token: string;
  beforeAll(async () => {
    emulator = await startEmulator({ seed: { accounts: [{ email: 'hook@example.com', timeZone: 'Europe/Berlin' }] } });
    c = await startTelegramCompanion(emulator, { kind: 'sqlite' });
    token = await signInExtension(c, 'hook@example.com');
  });
  afterAll(async () => {
    await c?.close();
    await emulator?.close();
  });

  const outgoing = () => c.fake.calls.filter((x) => x.method !== 'getMe').length;

  it.each([
    ['no secret header', null, undefined, 401, 'unauthorized', undefined],
    ['a wrong secret', 'not-the-secret-0123456789-abcdefg', undefined, 401, 'unauthorized', undefined],
    ['a secret one character short', WEBHOOK_SECRET.slice(0, -1), undefined, 401, 'unauthorized', undefined],
    ['a wrong secret and a malformed body', 'not-the-secret-0123456789-abcdefg', '{"update_id": ', 401, 'unauthorized', undefined],
    ['the right secret and malformed JSON', WEBHOOK_SECRET, '{"update_id": ', 400, 'invalid_request', 'body'],
    ['the right secret and no update_id', WEBHOOK_SECRET, '{"message": {}}', 400, 'invalid_request', 'update_id'],
    ['the right secret and a message without its chat', WEBHOOK_SECRET, '{"update_id": 5, "message": {"message_id": 1, "date": 1}}', 400, 'invalid_request', 'message.chat'],
  ])('refuses a call with %s, and does nothing with it', async (_label, secret, body, status, error, field) => {
    const before = outgoing();
    const anyone = c.fake.person(4001);
    const update = c.fake.message(anyone, '/help');
    const res = await c.fake.deliver(update, { secret, ...(body ? { body } : {}) });
    expect(res.status).toBe(status);
    expect(JSON.parse(res.body)).toMatchObject({ error, ...(field ? { field } : {}) });
    await c.idle();
    expect(outgoing()).toBe(before);
    // Not even remembered: the genuine delivery of that update is handled.
    if (!body) {
      await c.send(update);
      expect(lastReply(c.fake, anyone.id).text).toMatch(/not linked/);
    }
  });

  it('answers 200 before the work is done, and handles a redelivered update once', async () => {
    const { code } = await c.linkCode(token);
    const erin = c.fake.person(4002);
    c.fake.slowMs = 300; // Telegram takes its time with our answer; Telegram's webhook must not wait for that
    const update = c.fake.message(erin, `/link ${code}`);
    const first = await c.fake.deliver(update);
    const again = await c.fake.deliver(update);
    expect([first.status, again.status]).toEqual([200, 200]);
    expect(JSON.parse(first.body)).toEqual({ ok: true, outcome: 'queued' });
    expect(JSON.parse(again.body)).toEqual({ ok: true, outcome: 'duplicate' });
    expect(first.ms).toBeLessThan(250);
    await c.idle();
    c.fake.slowMs = 0;
    expect(c.fake.textsSeenIn(erin.id)).toEqual([`Linked to hook@example.com. Try "dentist friday 10:30" or /today.`]);
  });

  it('answers quickly under a burst (measured)', async () => {
    const times: number[] = [];
    for (let i = 0; i < 40; i++) times.push((await c.fake.deliver(c.fake.message(c.fake.person(4100 + i), '/help'))).ms);
    await c.idle();
    times.sort((a, b) => a - b);
    const p50 = times[20]!;
    const p95 = times[37]!;
    console.log(`webhook answer time over 40 updates: p50 ${p50.toFixed(1)} ms, p95 ${p95.toFixed(1)} ms, max ${times.at(-1)!.toFixed(1)} ms`);
    expect(p95).toBeLessThan(200);
  });

  it('keeps the bot token out of the logs, also when Telegram fails or cannot be reached', async () => {
    const fred = c.fake.person(4003);
    await c.link(token, fred);
    await c.send(c.fake.message(fred, 'dentist friday 10:30'));
    await c.send(c.fake.press(fred, lastReply(c.fake, fred.id).message, 'Confirm'));
    c.fake.outage = { status: 500, description: 'Internal Server Error' };
    await c.send(c.fake.message(fred, '/help'));
    c.fake.outage = { status: 400, description: 'Bad Request: chat not found' };
    await c.send(c.fake.message(fred, '/help'));
    c.fake.outage = null;
    // A bridge whose Bot API cannot be reached at all: the HTTP client's own error names the URL, token included.
    const unreachable = await startCompanion(emulator, { kind: 'sqlite' }, { TELEGRAM_BOT_TOKEN: BOT_TOKEN, TELEGRAM_API_ROOT: 'http://127.0.0.1:9', TELEGRAM_MODE: 'polling' });
    await unreachable.app.telegram!.started;
    await expect.poll(() => unreachable.log.text).toMatch(/telegram polling failed/);
    await unreachable.close();

    const secretHalf = BOT_TOKEN.split(':')[1]!;
    for (const log of [c.log.text, unreachable.log.text]) {
      expect(log.length).toBeGreaterThan(300);
      expect(log).not.toContain(secretHalf);
      expect(log).not.toContain(WEBHOOK_SECRET);
    }
    expect(c.log.text).toMatch(/telegram update failed/);
    expect(unreachable.log.text).toMatch(/"telegramError":"network"/);
  });
});

describe('setting up the bot', () => {
  let emulator: GoogleEmulator;
  let fake: FakeTelegram;
  beforeAll(async () => {
    emulator = await startEmulator({ seed: { accounts: [{ email: 'setup@example.com' }] } });
    fake = await startFakeTelegram(BOT_TOKEN);
  });
  afterAll(async () => {
    await fake?.close();
    await emulator?.close();
  });

  it('sets the webhook with its secret at startup when PUBLIC_URL is https', async () => {
    const c = await startCompanion(emulator, { kind: 'sqlite' }, { PUBLIC_URL: 'https://calendar.example.com', TELEGRAM_BOT_TOKEN: BOT_TOKEN, TELEGRAM_API_ROOT: fake.url, TELEGRAM_WEBHOOK_SECRET: WEBHOOK_SECRET });
    await c.app.telegram!.started;
    expect(c.config.telegram?.mode).toBe('webhook');
    expect(fake.webhook).toEqual({ url: 'https://calendar.example.com/webhooks/telegram', secret_token: WEBHOOK_SECRET, allowed_updates: ['message', 'callback_query'] });
    await c.close();
  });

  it('polls instead, with no webhook route, when there is no secret', async () => {
    const c = await startCompanion(emulator, { kind: 'sqlite' }, { TELEGRAM_BOT_TOKEN: BOT_TOKEN, TELEGRAM_API_ROOT: fake.url });
    expect(c.config.telegram?.mode).toBe('polling');
    expect((await c.app.inject({ method: 'POST', url: '/webhooks/telegram', payload: { update_id: 1 } })).statusCode).toBe(404);
    await expect.poll(() => fake.webhook).toBeNull(); // polling clears any webhook left from before
    await c.close();
  });

  it('says Telegram is off, and issues no codes, without a token', async () => {
    const c = await startCompanion(emulator, { kind: 'sqlite' });
    const t = await signInExtension(c, 'setup@example.com');
    expect((await c.app.inject({ url: '/api/telegram', headers: bearer(t) })).json()).toEqual({ enabled: false, botUsername: null, linked: null });
    const code = await c.app.inject({ method: 'POST', url: '/api/telegram/link-code', headers: bearer(t) });
    expect(code.statusCode).toBe(404);
    expect(code.json()).toMatchObject({ error: 'not_found' });
    expect((await c.app.inject({ method: 'POST', url: '/webhooks/telegram', payload: { update_id: 1 } })).statusCode).toBe(404);
    await c.close();
  });
});
