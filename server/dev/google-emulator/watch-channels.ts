import { randomBytes } from 'node:crypto';

export interface WatchChannel {
  id: string;
  resourceId: string;
  calendarId: string;
  address: string;
  token: string | undefined;
  expiration: number;
  messageNumber: number;
}

/**
 * events.watch: push notifications to a web hook when a calendar changes, with
 * Google's headers (X-Goog-Channel-ID/-Token, X-Goog-Resource-ID/-State,
 * X-Goog-Message-Number): a "sync" message first, then "exists" on changes.
 */
export class WatchChannels {
  private readonly channels = new Map<string, WatchChannel>();

  constructor(private readonly now: () => number) {}

  open(calendarId: string, body: { id?: string; address?: string; token?: string; expiration?: string | number }): WatchChannel {
    const ttl = 7 * 86_400_000;
    const channel: WatchChannel = {
      id: body.id ?? randomBytes(8).toString('hex'),
      resourceId: randomBytes(12).toString('base64url'),
      calendarId,
      address: body.address ?? '',
      token: body.token,
      expiration: body.expiration ? Math.min(Number(body.expiration), this.now() + ttl) : this.now() + ttl,
      messageNumber: 0,
    };
    this.channels.set(channel.id, channel);
    void this.notify(channel, 'sync');
    return channel;
  }

  stop(id: string, resourceId: string): boolean {
    const c = this.channels.get(id);
    if (!c || c.resourceId !== resourceId) return false;
    this.channels.delete(id);
    return true;
  }

  private readonly pending = new Set<string>();

  /** A write may touch several events (a series and its exceptions): one notification per calendar per tick. */
  changed(calendarId: string): void {
    if (this.pending.has(calendarId)) return;
    this.pending.add(calendarId);
    setImmediate(() => {
      this.pending.delete(calendarId);
      this.notifyAll(calendarId);
    });
  }

  private notifyAll(calendarId: string): void {
    for (const c of this.channels.values()) {
      if (c.calendarId !== calendarId) continue;
      if (c.expiration <= this.now()) this.channels.delete(c.id);
      else void this.notify(c, 'exists');
    }
  }

  private async notify(c: WatchChannel, state: 'sync' | 'exists'): Promise<void> {
    c.messageNumber++;
    try {
      await fetch(c.address, {
        method: 'POST',
        headers: {
          'x-goog-channel-id': c.id,
          ...(c.token ? { 'x-goog-channel-token': c.token } : {}),
          'x-goog-resource-id': c.resourceId,
          'x-goog-resource-state': state,
          'x-goog-resource-uri': `https://www.googleapis.com/calendar/v3/calendars/${encodeURIComponent(c.calendarId)}/events`,
          'x-goog-message-number': String(c.messageNumber),
          'x-goog-channel-expiration': new Date(c.expiration).toUTCString(),
        },
      });
    } catch {
      // Google gives up on an unreachable hook too; the next change tries again.
    }
  }
}
