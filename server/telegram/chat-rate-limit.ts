export type RateVerdict = 'ok' | 'first_over' | 'over';

/**
 * Updates per chat per minute, counted in this process (a fixed window per
 * chat). Over the limit the chat is told once and the rest are dropped until
 * the window ends. Behind several instances each counts its own share, which
 * still bounds what one chat can make us do.
 */
export class ChatRateLimit {
  private readonly windows = new Map<string, { start: number; count: number }>();

  constructor(
    private readonly perMinute: number,
    private readonly now: () => number,
  ) {}

  hit(chatId: string): RateVerdict {
    const now = this.now();
    if (this.windows.size > 10_000) this.forgetOld(now);
    let w = this.windows.get(chatId);
    if (!w || now - w.start >= 60_000) {
      w = { start: now, count: 0 };
      this.windows.set(chatId, w);
    }
    w.count++;
    if (w.count <= this.perMinute) return 'ok';
    return w.count === this.perMinute + 1 ? 'first_over' : 'over';
  }

  private forgetOld(now: number): void {
    for (const [chat, w] of this.windows) if (now - w.start >= 60_000) this.windows.delete(chat);
  }
}
