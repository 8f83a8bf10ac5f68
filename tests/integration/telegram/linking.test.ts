import type { User } from 'grammy/types';
import { DateTime } from 'luxon';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { GoogleEmulator } from '../../../server/dev/google-emulator/app.ts';
import type { TelegramStatus } from '../../../shared/schemas/telegram.ts';
import { bearer, signInExtension } from '../../support/companion.ts';
import { startEmulator } from '../../support/google-emulator.ts';
import { lastReply, startTelegramCompanion, type TelegramCompanion } from '../../support/telegram.ts';
import { testClock } from '../../support/test-clock.ts';
import { databases } from '../companion/databases.ts';

const ZONE = 'Europe/Berlin';
const SECRET_TITLE = 'Secret merger talks';

describe.each(await databases())('linking a Telegram chat to the account (%s)', (_name, database) => {
  let emulator: GoogleEmulator;
  let c: TelegramCompanion;
  let token: string;
  const email = 'link@example.com';
  const clock = testClock(() => emulator);
  let nextPerson = 2000;
  const person = (extra: Partial<User> = {}) => c.fake.person(nextPerson++, extra);
  beforeAll(async () => {
    const today = DateTime.now().setZone(ZONE).toISODate()!;
    const at = (time: string) => DateTime.fromISO(`${today}T${time}`, { zone: ZONE }).toISO({ suppressMilliseconds: true })!;
    emulator = await startEmulator({
      seed: { accounts: [{ email, timeZone: ZONE, events: [{ summary: SECRET_TITLE, start: { dateTime: at('15:00'), timeZone: ZONE }, end: { dateTime: at('16:00'), timeZone: ZONE } }] }] },
    });
    c = await startTelegramCompanion(emulator, database, {}, { now: clock.now });
    token = await signInExtension(c, email);
  });
  afterAll(async () => {
    await c?.close();
    await emulator?.close();
  });

  const status = async (t = token): Promise<TelegramStatus> => (await c.app.inject({ url: '/api/telegram', headers: bearer(t) })).json();
  let nextAccount = 1;
  /** Another signed-in account: link codes are rate limited per account, and each test asks for a few. */
  const account = async () => {
    clock.reset(); // sign-in checks ID tokens against the real clock
    return signInExtension(c, `link${nextAccount++}@example.com`);
  };
  const say = async (from: User, text: string) => {
    await c.send(c.fake.message(from, text));
    return lastReply(c.fake, from.id).text;
  };

  it('issues a short single-use code that lasts ten minutes, and says the bot is there', async () => {
    expect(await status()).toEqual({ enabled: true, botUsername: c.fake.bot.username, linked: null });
    const issued = await c.linkCode(token);
    expect(issued.code).toMatch(/^[A-HJKMNP-Z2-9]{8}$/);
    expect(Date.parse(issued.expiresAt) - clock.now()).toBeGreaterThan(9.9 * 60_000);
    expect(Date.parse(issued.expiresAt) - clock.now()).toBeLessThanOrEqual(10 * 60_000);
    expect(issued.deepLink).toBe(`https://t.me/${c.fake.bot.username}?start=${issued.code}`);
  });

  it('links with a valid code, after which the chat reaches the calendar', async () => {
    const anna = person({ username: 'anna_tg' });
    const { code } = await c.linkCode(token);
    // Typed by hand: lower case, with a space in the middle.
    expect(await say(anna, `/link ${code.slice(0, 4).toLowerCase()} ${code.slice(4).toLowerCase()}`)).toBe(`Linked to ${email}. Try "dentist friday 10:30" or /today.`);
    expect((await status()).linked).toMatchObject({ username: 'anna_tg' });
    expect(await say(anna, '/today')).toContain(SECRET_TITLE);
  });

  it.each([
    ['a reused code', 'reused'],
    ['a wrong code', 'wrong'],
    ['an expired code', 'expired'],
    ['a code replaced by a newer one', 'replaced'],
  ] as const)('refuses %s and keeps the chat unlinked', async (_label, kind) => {
    const owner = await account();
    let code: string;
    if (kind === 'wrong') code = 'ZZZZ2345';
    else {
      code = (await c.linkCode(owner)).code;
      if (kind === 'reused') expect(await say(person(), `/link ${code}`)).toMatch(/^Linked to/);
      if (kind === 'expired') clock.advance(10 * 60_000 + 1000);
      if (kind === 'replaced') await c.linkCode(owner);
    }
    const stranger = person();
    expect(await say(stranger, `/link ${code}`)).toMatch(/unknown, used or expired/);
    expect(await say(stranger, '/today')).toMatch(/not linked/);
    expect(c.fake.textsSeenIn(stranger.id).join('\n')).not.toContain(SECRET_TITLE);
  });

  it('explains the command when what follows /link cannot be a code', async () => {
    expect(await say(person(), '/link')).toMatch(/^Send \/link and the code/);
    expect(await say(person(), '/link hello')).toMatch(/^Send \/link and the code/);
  });

  it('links from the deep link t.me/<bot>?start=CODE as well', async () => {
    const ben = person();
    const { code } = await c.linkCode(await account());
    expect(await say(ben, `/start ${code}`)).toMatch(/^Linked to/);
  });

  it('voids a code sent in a group, where everyone saw it', async () => {
    const carl = person();
    const { code } = await c.linkCode(await account());
    const group = { id: -100_777, type: 'group' as const, title: 'Family' };
    await c.send(c.fake.message(carl, `/link@${c.fake.bot.username} ${code}`, { chat: group }));
    expect(lastReply(c.fake, group.id).text).toMatch(/only in a private chat/);
    expect(await say(carl, `/link ${code}`)).toMatch(/unknown, used or expired/);
  });

  it('limits how many link codes an account can ask for', async () => {
    const other = await account();
    const answers = [];
    for (let i = 0; i < 6; i++) answers.push(await c.app.inject({ method: 'POST', url: '/api/telegram/link-code', headers: bearer(other) }));
    expect(answers.map((a) => a.statusCode)).toEqual([201, 201, 201, 201, 201, 429]);
    expect(answers[5]!.json()).toMatchObject({ error: 'rate_limited' });
  });

  it('unlinks from Telegram and from the account, after which the chat gets instructions only', async () => {
    const dora = person();
    const owner = await account();
    await c.link(owner, dora);
    expect(await say(dora, '/unlink')).toMatch(/^Unlinked/);
    expect(await say(dora, '/today')).toMatch(/not linked/);
    expect(await say(dora, '/unlink')).toMatch(/not linked to any calendar/);

    await c.link(owner, dora);
    expect((await status(owner)).linked).not.toBeNull();
    expect((await c.app.inject({ method: 'DELETE', url: '/api/telegram/link', headers: bearer(owner) })).statusCode).toBe(204);
    expect((await status(owner)).linked).toBeNull();
    expect(await say(dora, 'what do I have today')).toMatch(/not linked/);
  });

  it('gives an unlinked chat instructions and never any calendar data', async () => {
    // Someone linked makes a proposal; a stranger tries everything, including pressing its button.
    const owner = person();
    await c.link(token, owner);
    await say(owner, 'dentist friday 10:30');
    const proposal = lastReply(c.fake, owner.id).message;
    const stranger = person();
    const calendarCallsBefore = emulator.ctx.counters.get('calendar.events.list', email);
    for (const text of ['/today', '/free 30m today', 'what do I have today', `when is the ${SECRET_TITLE}`, 'dentist friday 10:30', '/help']) {
      expect(await say(stranger, text)).toMatch(/not linked/);
    }
    const press = c.fake.press(stranger, proposal, 'Confirm');
    await c.send(press);
    expect(c.fake.answersTo(press.callback_query!.id)).toMatchObject([{ params: { text: expect.stringMatching(/^Link your account first/) } }]);
    // Neither the event nor the owner's proposal: no title in quotes, no time span, nothing created.
    expect(c.fake.textsSeenIn(stranger.id).join('\n')).not.toMatch(/merger|“|\d\d:\d\d–|Created/i);
    expect(emulator.ctx.counters.get('calendar.events.list', email)).toBe(calendarCallsBefore);
    // The owner's message is untouched by the stranger's press.
    expect(lastReply(c.fake, owner.id).buttons).toEqual(['Confirm', 'Cancel']);
  });
});
