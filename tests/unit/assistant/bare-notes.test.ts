import { describe, expect, it } from 'vitest';
import { defaultModel } from '../../../shared/assistant/default-model.ts';
import { parseCommand } from '../../../shared/assistant/parse-command.ts';

/** With the statistical model on, as the companion runs it: a jotted note with a time is an event, a question is not. */
describe('bare notes with a time, as typed on a phone', () => {
  const parse = (text: string) => parseCommand(text, { now: '2026-11-25T10:00:00+01:00', timeZone: 'Europe/Berlin', model: defaultModel() });
  it.each([
    ['dentist friday 10:30', 'create_event'],
    ['dentist appointment friday 10:30', 'create_event'],
    ['haircut tomorrow 3pm', 'create_event'],
    ['meetings tomorrow', 'list_events'],
    ['my schedule friday', 'list_events'],
    ['is my afternoon open on wednesday', 'list_events'],
    ['what do I have today', 'list_events'],
  ])('"%s" is %s', (text, intent) => {
    expect(parse(text).intent).toBe(intent);
  });

  it('keeps the title and time of the note', () => {
    expect(parse('dentist friday 10:30').event).toMatchObject({ title: 'Dentist', start: '2026-11-27T10:30:00+01:00', end: '2026-11-27T11:30:00+01:00' });
  });

  it('does not turn a question about free time into an event', () => {
    expect(parse('free 1h friday').intent).not.toBe('create_event');
  });
});
