import { describe, expect, it } from 'vitest';
import type { ChatReply } from '../../../shared/schemas/chat.ts';
import { botPhrasesFor } from '../../../server/telegram/bot-phrases.ts';
import { replyMessage, resultMessage } from '../../../server/telegram/render-reply.ts';

const event = { calendarId: 'primary', title: 'Dentist', start: '2026-11-27T10:30:00+01:00', end: '2026-11-27T11:30:00+01:00', allDay: false, timeZone: 'Europe/Berlin', attendees: [], recurrence: [] };
const reply = (kind: 'confirm' | 'choose_event' | 'choose_scope', labels: string[]): ChatReply => ({
  reply: 'Create “Dentist” Fri 27 Nov 10:30–11:30?',
  language: 'en',
  proposal: { id: 'p1', kind, options: labels.map((label, i) => ({ id: String(i), label, action: 'create', event })), expiresAt: '2026-11-26T10:00:00Z' },
});
const keyboard = (m: ReturnType<typeof replyMessage>) => m.reply_markup?.inline_keyboard.map((row) => row.map((b) => [b.text, 'callback_data' in b ? b.callback_data : '']));

describe('the assistant\'s reply as a Telegram message', () => {
  const en = botPhrasesFor('en');
  it.each([
    ['one option: Confirm and Cancel side by side', reply('confirm', ['x']), [[['Confirm', 'c:p1:0'], ['Cancel', 'x:p1']]]],
    ['several slots: one row each, then Cancel', reply('confirm', ['Thu 10:00', 'Thu 11:00']), [[['Thu 10:00', 'c:p1:0']], [['Thu 11:00', 'c:p1:1']], [['Cancel', 'x:p1']]]],
    ['a choice of events', reply('choose_event', ['Design review', 'Budget review']), [[['Design review', 'c:p1:0']], [['Budget review', 'c:p1:1']], [['Cancel', 'x:p1']]]],
    ['a choice of occurrences', reply('choose_scope', ['This event', 'All events']), [[['This event', 'c:p1:0']], [['All events', 'c:p1:1']], [['Cancel', 'x:p1']]]],
  ])('%s', (_label, r, expected) => {
    const message = replyMessage(r, en);
    expect(message.text).toBe(r.reply);
    expect(keyboard(message)).toEqual(expected);
  });

  it('has no buttons for an answer, and the German words for a German app', () => {
    expect(replyMessage({ reply: 'You are free 14:00–15:00.', language: 'en' }, en)).toEqual({ text: 'You are free 14:00–15:00.' });
    expect(keyboard(replyMessage(reply('confirm', ['x']), botPhrasesFor('de-AT')))![0]!.map(([t]) => t)).toEqual(['Bestätigen', 'Abbrechen']);
  });

  it('cuts a long label and a long text to what Telegram takes', () => {
    const message = replyMessage({ ...reply('confirm', ['a'.repeat(200), 'b']), reply: 'x'.repeat(5000) }, en);
    expect(message.text).toHaveLength(4096);
    expect(message.reply_markup!.inline_keyboard[0]![0]!.text).toHaveLength(60);
  });

  it('offers Undo after a confirm, and nothing after anything else', () => {
    expect(keyboard(resultMessage({ reply: 'Created.', proposalId: 'p1', status: 'confirmed' }, en))).toEqual([[['Undo', 'u:p1']]]);
    expect(keyboard(resultMessage({ reply: 'Keep trying.', proposalId: 'p1', status: 'queued' }, en))).toEqual([]);
  });
});
