import { describe, expect, it } from 'vitest';
import { languageCodes } from '../../../shared/assistant/intent-schema.ts';
import { describeEvent, phrasesFor } from '../../../server/assistant/phrases.ts';

const event = { calendarId: 'primary', title: 'Lunch', start: '2026-11-26T13:00:00+01:00', end: '2026-11-26T14:00:00+01:00', allDay: false, timeZone: 'Europe/Berlin', attendees: [], recurrence: [] };

describe('the assistant speaks every language the parser reads', () => {
  it.each(languageCodes)('%s has its own sentences and date format', (code) => {
    const p = phrasesFor(code);
    if (code !== 'en') expect(p.notUnderstood).not.toBe(phrasesFor('en').notUnderstood);
    const said = describeEvent(event, code);
    expect(said).toContain('Lunch');
    expect(said).toMatch(/13[:.h]00|13時|1:00/);
    expect(p.create(said)).toContain(said);
  });
});
