import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';

const run = (args: string[], input?: string) => execFileSync(process.execPath, ['--import', 'tsx', 'scripts/parse.ts', ...args], { input, encoding: 'utf8' });

describe('npm run parse', () => {
  it('prints one intent for one message', () => {
    const out = JSON.parse(run(['--now', '2026-11-25T10:00:00+01:00', '--tz', 'Europe/Berlin', 'lunch with anna@example.com tomorrow 1pm']));
    expect(out).toMatchObject({ intent: 'create_event', event: { start: '2026-11-26T13:00:00+01:00', attendees: ['anna@example.com'] } });
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
