import type { Db } from '../db/database.ts';
import { countTelegramChatUpdate } from '../db/repositories/telegram-chat-rates.ts';

export type RateVerdict = 'ok' | 'first_over' | 'over';

/**
 * Updates per chat per minute (a fixed window per chat), counted in the
 * database so that every instance shares one budget. Over the limit the chat
 * is told once and the rest are dropped until the window ends.
 */
export class ChatRateLimit {
  constructor(
    private readonly db: Db,
    private readonly botId: string,
    private readonly perMinute: number,
    private readonly now: () => number,
  ) {}

  /** One more update of the chat; `db`: the transaction it is taken in, where it is taken in one. */
  async hit(chatKey: string, db: Db = this.db): Promise<RateVerdict> {
    const count = await countTelegramChatUpdate(db, this.botId, chatKey, this.now());
    if (count <= this.perMinute) return 'ok';
    return count === this.perMinute + 1 ? 'first_over' : 'over';
  }
}
