import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDatabase, migrateToLatest, type Db } from '../../../server/db/database.ts';
import { ChatRateLimit } from '../../../server/telegram/chat-rate-limit.ts';

describe('the per-chat rate limit', () => {
  let db: Db;
  beforeAll(async () => {
    db = createDatabase({ kind: 'sqlite', file: join(mkdtempSync(join(tmpdir(), 'rate-')), 'db.sqlite') });
    await migrateToLatest(db);
  });
  afterAll(() => db?.destroy());

  it('lets the limit through, says so once over it, then drops until the minute is over', async () => {
    let now = 1_000_000;
    const limit = new ChatRateLimit(db, 'bot1', 3, () => now);
    const verdicts = [];
    for (let i = 0; i < 6; i++) verdicts.push(await limit.hit('a'));
    expect(verdicts).toEqual(['ok', 'ok', 'ok', 'first_over', 'over', 'over']);
    expect(await limit.hit('b')).toBe('ok'); // chats do not share a budget
    now += 59_999;
    expect(await limit.hit('a')).toBe('over');
    now += 1;
    expect(await limit.hit('a')).toBe('ok');
  });

  it('is one budget for every instance, however many hits arrive at once', async () => {
    const now = () => 5_000_000;
    const [a, b] = [new ChatRateLimit(db, 'bot1', 5, now), new ChatRateLimit(db, 'bot1', 5, now)];
    const verdicts = await Promise.all(Array.from({ length: 10 }, (_, i) => (i % 2 ? a : b).hit('shared')));
    expect(verdicts.filter((v) => v === 'ok')).toHaveLength(5);
    expect(verdicts.filter((v) => v === 'first_over')).toHaveLength(1);
  });
});
