import { describe, expect, it } from 'vitest';
import { ChatRateLimit } from '../../../server/telegram/chat-rate-limit.ts';

describe('the per-chat rate limit', () => {
  it('lets the limit through, says so once over it, then drops until the minute is over', () => {
    let now = 0;
    const limit = new ChatRateLimit(3, () => now);
    expect(Array.from({ length: 6 }, () => limit.hit('a'))).toEqual(['ok', 'ok', 'ok', 'first_over', 'over', 'over']);
    expect(limit.hit('b')).toBe('ok'); // chats do not share a budget
    now = 59_999;
    expect(limit.hit('a')).toBe('over');
    now = 60_000;
    expect(limit.hit('a')).toBe('ok');
  });
});
