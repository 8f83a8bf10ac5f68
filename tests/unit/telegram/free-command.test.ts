import { describe, expect, it } from 'vitest';
import { availabilityQuestion } from '../../../server/telegram/free-command.ts';

describe('/free as a question for the assistant', () => {
  it.each([
    ['30m tomorrow afternoon', 'en', 'when am I free for 30 minutes tomorrow afternoon'],
    ['1h friday', 'en', 'when am I free for 60 minutes friday'],
    ['1.5h next week', 'en', 'when am I free for 90 minutes next week'],
    ['45 min', 'en', 'when am I free for 45 minutes today'],
    ['tomorrow morning', 'en', 'when am I free for 30 minutes tomorrow morning'],
    ['', undefined, 'when am I free for 30 minutes today'],
    ['2 hours thursday', 'en-GB', 'when am I free for 120 minutes thursday'],
    ['30m morgen nachmittag', 'de', 'wann bin ich 30 Minuten morgen nachmittag frei'],
    ['1 Std', 'de', 'wann bin ich 60 Minuten heute frei'],
  ])('"/free %s" (%s) asks "%s"', (args, language, question) => {
    expect(availabilityQuestion(args, language)).toBe(question);
  });
});
