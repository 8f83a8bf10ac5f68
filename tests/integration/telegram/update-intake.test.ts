import type { Update } from 'grammy/types';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDatabase, migrateToLatest, type Db } from '../../../server/db/database.ts';
import { takeNextTelegramUpdate } from '../../../server/db/repositories/telegram-updates.ts';
import type { JobRunner } from '../../../server/jobs/runner.ts';
import { ChatRateLimit, type RateVerdict } from '../../../server/telegram/chat-rate-limit.ts';
import { UpdateIntake } from '../../../server/telegram/update-intake.ts';
import { freshPostgresDatabase, postgresUrl } from '../../support/services.ts';

const pgUrl = await postgresUrl();

/**
 * A chat's task may be draining its inbox while another of its updates comes in. The update must reach the inbox only
 * with the rate limit's verdict on it: one the limit drops is never there for the task to answer. PostgreSQL only: its
 * pool lets the test look at the inbox from a second connection while the intake is inside its transaction (SQLite's
 * one connection would wait for the transaction to end, which is the guarantee itself).
 */
describe.skipIf(!pgUrl)('the Telegram update intake (PostgreSQL)', () => {
  let db: Db;
  let drop: () => Promise<void>;
  beforeAll(async () => {
    const fresh = await freshPostgresDatabase(pgUrl!, 'intake');
    drop = fresh.drop;
    db = createDatabase({ kind: 'postgres', url: fresh.url });
    await migrateToLatest(db);
  });
  afterAll(async () => {
    await db?.destroy();
    await drop?.();
  });

  it('lets no task take an update before the rate limit has judged it', async () => {
    const seenByTask: Array<number | undefined> = [];
    // A limit that, while it judges, plays the chat's task taking the inbox's next update, then drops this one.
    class DroppingLimit extends ChatRateLimit {
      override async hit(chatKey: string, tx?: Db): Promise<RateVerdict> {
        seenByTask.push((await takeNextTelegramUpdate(db, 'bot1', chatKey))?.update_id);
        await super.hit(chatKey, tx);
        return 'over';
      }
    }
    const queued: string[] = [];
    const jobs = { enqueue: async (_name: string, data: { chatKey: string }) => void queued.push(data.chatKey) } as unknown as JobRunner;
    const intake = new UpdateIntake(db, 'bot1', new DroppingLimit(db, 'bot1', 20, () => 1_000_000), jobs, () => 1_000_000);
    const update = { update_id: 7, message: { message_id: 1, date: 0, chat: { id: 42, type: 'private' }, text: '/help' } } as unknown as Update;

    expect(await intake.accept(update)).toBe('dropped');
    expect(seenByTask).toEqual([undefined]);
    // Dropped: nothing waits in the inbox, no task was queued for it, and a redelivery is known.
    expect(await takeNextTelegramUpdate(db, 'bot1', '42')).toBeUndefined();
    expect(queued).toEqual([]);
    expect(await intake.accept(update)).toBe('duplicate');
  });
});
