import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';

const run = (args: string[], input?: string, env: Record<string, string> = {}) => execFileSync(process.execPath, ['--import', 'tsx', 'scripts/parse.ts', ...args], { input, encoding: 'utf8', env: { ...process.env, ...env } });

describe('npm run parse', () => {
  it('prints one intent for one message', () => {
    const out = JSON.parse(run(['--now', '2026-11-25T10:00:00+01:00', '--tz', 'Europe/Berlin', 'lunch with anna@example.com tomorrow 1pm']));
    expect(out).toMatchObject({ intent: 'create_event', event: { start: '2026-11-26T13:00:00+01:00', attendees: ['anna@example.com'] } });
  });

  it("gives the same answers whatever the server's own zone (chrono stamps relative times with it)", () => {
    const texts = ['free 1h friday', 'remind me in ten minutes', 'call mom at 3pm PST tomorrow', 'meeting at 9am GMT+2 on friday', 'lunch tomorrow at 1pm', 'standup every weekday at 9:30'];
    const input = texts.map((text) => JSON.stringify({ text, now: '2026-11-25T10:00:00+01:00', tz: 'Europe/Berlin' })).join('\n');
    const [utc, newYork, kolkata] = ['UTC', 'America/New_York', 'Asia/Kolkata'].map((TZ) => run(['--jsonl'], input, { TZ })) as [string, string, string];
    expect(newYork).toBe(utc);
    expect(kolkata).toBe(utc);
    expect(JSON.parse(utc.split('\n')[2]!)).toMatchObject({ event: { start: '2026-11-27T00:00:00+01:00' } }); // 3pm in California is midnight in Berlin
  });

  it('reads JSON lines and answers each in order, a bad line included', () => {
    const input = [
      JSON.stringify({ text: 'cancel standup tomorrow', now: '2026-11-25T10:00:00+01:00', tz: 'Europe/Berlin' }),
      '{this is not json',
      JSON.stringify({ text: 'lunch tomorrow', now: '2026-11-25T10:00:00+01:00', tz: 'Mars/Olympus' }),
      JSON.stringify({ text: 'Mittagessen morgen um 13 Uhr', now: '2026-11-25T10:00:00+01:00', tz: 'Europe/Berlin' }),
    ].join('\n');
    const lines = run(['--jsonl'], input).trim().split('\n').map((l) => JSON.parse(l) as { intent: string; error?: string; language?: string });
    expect(lines).toHaveLength(4);
    expect(lines[0]!.intent).toBe('cancel_event');
    expect(lines[1]).toMatchObject({ intent: 'unknown', error: expect.any(String) });
    expect(lines[2]).toMatchObject({ intent: 'unknown', error: expect.stringContaining('time zone') });
    expect(lines[3]).toMatchObject({ intent: 'create_event', language: 'de' });
  });
});
