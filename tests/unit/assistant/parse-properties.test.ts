import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { defaultModel } from '../../../shared/assistant/default-model.ts';
import { intentSchema } from '../../../shared/assistant/intent-schema.ts';
import { parseCommand } from '../../../shared/assistant/parse-command.ts';

const zones = ['Europe/Berlin', 'America/New_York', 'Asia/Tokyo', 'Australia/Lord_Howe', 'Pacific/Chatham', 'UTC'];
const words = ['lunch', 'move', 'cancel', 'tomorrow', 'at', '3pm', 'next', 'friday', 'every', 'weekday', 'with', 'anna@example.com', 'to', '14:00-15:30', 'in', '2 hours', 'free', 'when', 'am', 'i', 'morgen', 'um', '15', 'Uhr', '明日', '午後3時', 'demain', 'à', '13h', 'skip', 'all', 'following', 'for', '90 minutes', 'Dec 8', 'Dec 10', 'PST', 'Tokyo time', 'this', 'week'];
const nowArb = fc.date({ min: new Date('2020-01-01T00:00:00Z'), max: new Date('2035-12-31T00:00:00Z'), noInvalidDate: true });
const model = defaultModel();

function check(text: string, now: Date, tz: string): void {
  const intent = parseCommand(text, { now, timeZone: tz, model });
  expect(() => intentSchema.parse(intent)).not.toThrow();
  const e = intent.event;
  if (e?.start && e.end) expect(Date.parse(e.end)).toBeGreaterThan(Date.parse(e.start));
  if (e?.startDate && e.endDate) expect(e.endDate > e.startDate).toBe(true);
  for (const r of [intent.range, intent.target?.range]) if (r) expect(Date.parse(r.end)).toBeGreaterThan(Date.parse(r.start));
  for (const ev of intent.evidence) expect(ev.end).toBeGreaterThanOrEqual(ev.start);
}

describe('parseCommand on anything', () => {
  it('never throws on arbitrary unicode, and its output passes the schema', () => {
    fc.assert(fc.property(fc.string({ unit: 'grapheme', maxLength: 120 }), nowArb, fc.constantFrom(...zones), (text, now, tz) => check(text, now, tz)), { numRuns: 300 });
  });

  it('keeps start before end on word salad built from calendar vocabulary', () => {
    fc.assert(fc.property(fc.array(fc.constantFrom(...words), { minLength: 1, maxLength: 12 }), nowArb, fc.constantFrom(...zones), (ws, now, tz) => check(ws.join(' '), now, tz)), { numRuns: 500 });
  });

  it.each(['lunch with a%b@x.com tomorrow 1pm', 'lunch with a.@x.com tomorrow', 'call with .a@b.co at 3'])('takes no guest the schema would refuse from %j, and answers', (text) => {
    const intent = parseCommand(text, { now: new Date('2026-11-25T09:00:00Z'), timeZone: 'Europe/Berlin', model });
    expect(intentSchema.parse(intent).event?.attendees ?? []).toEqual([]);
  });

  it('handles very long input by reading its first thousand characters', () => {
    expect(() => parseCommand('lunch tomorrow at 1pm '.repeat(2000), { now: new Date(), timeZone: 'UTC' })).not.toThrow();
  });
});
