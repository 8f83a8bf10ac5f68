import { spawn } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { GoogleEmulator } from '../../../server/dev/google-emulator/app.ts';
import { expectGoogleError } from '../../support/google-errors.ts';
import { CALENDAR_EVENTS_SCOPE, calendarClientFor, makePkce, oauthClientFor, signIn, startEmulator } from '../../support/google-emulator.ts';

const running: GoogleEmulator[] = [];
afterEach(async () => {
  while (running.length) await running.pop()!.close();
});
async function emulatorWith(options: Parameters<typeof startEmulator>[0]) {
  const e = await startEmulator(options);
  running.push(e);
  return e;
}

describe('the consent screen (without auto-approve)', () => {
  async function openConsent(emulator: GoogleEmulator) {
    const client = oauthClientFor(emulator);
    const pkce = makePkce();
    const url = client.generateAuthUrl({
      scope: ['openid', 'email', CALENDAR_EVENTS_SCOPE],
      access_type: 'offline',
      state: 'st',
      login_hint: 'demo@example.com',
      code_challenge: pkce.challenge,
      code_challenge_method: 'S256' as never,
    });
    const html = await (await fetch(url)).text();
    const requestId = /name="request_id" value="([^"]+)"/.exec(html)?.[1];
    return { client, pkce, html, requestId: requestId! };
  }
  const decide = (emulator: GoogleEmulator, fields: Array<[string, string]>) =>
    fetch(`${emulator.url}/o/oauth2/v2/auth/decision`, { method: 'POST', body: new URLSearchParams(fields), redirect: 'manual' });

  it('lists the accounts and the requested permissions', async () => {
    const emulator = await emulatorWith({ autoApprove: false, seed: 'demo' });
    const { html } = await openConsent(emulator);
    expect(html).toContain('demo@example.com');
    expect(html).toContain('View and edit events on all your calendars');
  });

  it('lets the user untick the calendar permission: the token then lacks it and the Calendar API says 403', async () => {
    const emulator = await emulatorWith({ autoApprove: false, seed: 'demo' });
    const { client, pkce, requestId } = await openConsent(emulator);
    const res = await decide(emulator, [['request_id', requestId], ['account', 'demo@example.com'], ['decision', 'allow']]);
    const location = new URL(res.headers.get('location')!);
    expect(location.searchParams.get('state')).toBe('st');
    const { tokens } = await client.getToken({ code: location.searchParams.get('code')!, codeVerifier: pkce.verifier });
    expect(tokens.scope?.split(' ')).not.toContain(CALENDAR_EVENTS_SCOPE);
    client.setCredentials(tokens);
    await expectGoogleError(calendarClientFor(emulator, client).events.list({ calendarId: 'primary' }), 403, 'insufficientPermissions');
  });

  it('redirects with error=access_denied when the user cancels', async () => {
    const emulator = await emulatorWith({ autoApprove: false, seed: 'demo' });
    const { requestId } = await openConsent(emulator);
    const res = await decide(emulator, [['request_id', requestId], ['decision', 'deny']]);
    expect(new URL(res.headers.get('location')!).searchParams.get('error')).toBe('access_denied');
  });

  it('accepts a consent decision once only', async () => {
    const emulator = await emulatorWith({ autoApprove: false, seed: 'demo' });
    const { requestId } = await openConsent(emulator);
    const fields: Array<[string, string]> = [['request_id', requestId], ['account', 'demo@example.com'], ['scope', CALENDAR_EVENTS_SCOPE], ['decision', 'allow']];
    expect((await decide(emulator, fields)).status).toBe(302);
    expect((await decide(emulator, fields)).status).toBe(400);
  });
});

describe('seed data', () => {
  it('gives the demo account a week with a recurring standup, attendees and an all-day event', async () => {
    const emulator = await emulatorWith({ seed: 'demo' });
    const cal = calendarClientFor(emulator, await signIn(emulator, 'demo@example.com'));
    const now = new Date();
    const res = await cal.events.list({
      calendarId: 'primary',
      singleEvents: true,
      orderBy: 'startTime',
      timeMin: new Date(now.getTime() - 7 * 86_400_000).toISOString(),
      timeMax: new Date(now.getTime() + 14 * 86_400_000).toISOString(),
    });
    const items = res.data.items ?? [];
    expect(items.filter((e) => e.summary === 'Team standup').length).toBeGreaterThanOrEqual(10);
    expect(items.some((e) => e.start?.date && e.summary === 'Team offsite')).toBe(true);
    expect(items.some((e) => (e.attendees?.length ?? 0) >= 3)).toBe(true);
    const calendars = await cal.calendarList.list().catch(() => null);
    expect(calendars).toBeNull(); // the sign-in above asked for calendar.events only
  });

  it('loads accounts, calendars and events from a seed file', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'emu-seed-'));
    const file = join(dir, 'seed.json');
    writeFileSync(
      file,
      JSON.stringify({
        accounts: [
          {
            email: 'seeded@example.com',
            timeZone: 'Asia/Tokyo',
            calendars: [{ summary: 'Work' }],
            events: [
              { id: 'seeded00001', summary: 'From seed', start: { dateTime: '2027-01-05T09:00:00+09:00' }, end: { dateTime: '2027-01-05T10:00:00+09:00' } },
              { calendarId: 'Work', summary: 'On Work', start: { date: '2027-01-06' }, end: { date: '2027-01-07' } },
            ],
          },
        ],
      }),
    );
    const { readSeedFile } = await import('../../../server/dev/google-emulator/seed.ts');
    const emulator = await emulatorWith({ seed: readSeedFile(file) });
    const cal = calendarClientFor(emulator, await signIn(emulator, 'seeded@example.com'));
    expect((await cal.events.get({ calendarId: 'primary', eventId: 'seeded00001' })).data.summary).toBe('From seed');
    const work = [...emulator.ctx.store.calendars.values()].find((c) => c.summary === 'Work')!;
    expect(work.timeZone).toBe('Asia/Tokyo');
    expect((await cal.events.list({ calendarId: work.id })).data.items?.map((e) => e.summary)).toEqual(['On Work']);
  });

  it('names the bad field of an invalid seed file', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'emu-seed-'));
    const file = join(dir, 'bad.json');
    writeFileSync(file, JSON.stringify({ accounts: [{ email: 'not-an-email' }] }));
    const { readSeedFile } = await import('../../../server/dev/google-emulator/seed.ts');
    expect(() => readSeedFile(file)).toThrow(/accounts\.0\.email/);
  });
});

describe('state file', () => {
  it('keeps accounts, events, tokens and the signing key across a restart', async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'emu-state-')), 'state.json');
    const first = await startEmulator({ stateFile: file });
    const client = await signIn(first, 'keep@example.com');
    await calendarClientFor(first, client).events.insert({
      calendarId: 'primary',
      requestBody: { id: 'kept0000001', summary: 'Survives', start: { dateTime: '2027-01-01T10:00:00Z' }, end: { dateTime: '2027-01-01T11:00:00Z' } },
    });
    const idToken = client.credentials.id_token!;
    await first.close();

    const second = await emulatorWith({ stateFile: file });
    const again = oauthClientFor(second);
    again.setCredentials({ refresh_token: client.credentials.refresh_token });
    const cal = calendarClientFor(second, again);
    expect((await cal.events.get({ calendarId: 'primary', eventId: 'kept0000001' })).data.summary).toBe('Survives');
    // Same key: an id_token from before the restart still verifies (issuer is the new URL, so check the signature only).
    const certs = (await (await fetch(`${second.url}/oauth2/v1/certs`)).json()) as Record<string, string>;
    const kid = JSON.parse(Buffer.from(idToken.split('.')[0]!, 'base64url').toString()).kid as string;
    expect(Object.keys(certs)).toContain(kid);
  });
});

describe('npm run emulator', () => {
  it('starts on the given port and answers the discovery document', async () => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'server/dev/google-emulator/cli.ts', '--port', '0', '--auto-approve'], {
      cwd: process.cwd(),
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    try {
      const url = await new Promise<string>((resolve, reject) => {
        let out = '';
        child.stdout.on('data', (d: Buffer) => {
          out += d.toString();
          const m = /listening on (http:\/\/\S+)/.exec(out);
          if (m) resolve(m[1]!);
        });
        child.on('exit', (code) => reject(new Error(`emulator exited ${code}: ${out}`)));
      });
      const doc = (await (await fetch(`${url}/.well-known/openid-configuration`)).json()) as { issuer: string };
      expect(doc.issuer).toBe(url);
    } finally {
      child.kill('SIGTERM');
    }
  });
});
