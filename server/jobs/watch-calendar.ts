import { createHash, randomBytes, randomUUID, timingSafeEqual } from 'node:crypto';
import type { Db } from '../db/database.ts';
import type { CalendarGateway } from '../google/calendar-gateway.ts';

/** Channels are renewed this long before they expire, so notifications never stop. */
const RENEW_AHEAD_MS = 24 * 3_600_000;
const CHANNEL_TTL_MS = 7 * 24 * 3_600_000;

const hash = (token: string) => createHash('sha256').update(token).digest('base64url');

/**
 * Makes sure Google pushes change notifications for this calendar to our web
 * hook: opens a channel when there is none or the current one expires within
 * a day (the old one is stopped). Returns whether a channel was opened.
 */
export async function ensureWatch(db: Db, calendar: CalendarGateway, userId: string, calendarId: string, publicUrl: string, now: number): Promise<boolean> {
  const current = await db.selectFrom('watch_channels').selectAll().where('user_id', '=', userId).where('calendar_id', '=', calendarId).orderBy('expires_at', 'desc').executeTakeFirst();
  if (current && current.expires_at - now > RENEW_AHEAD_MS) return false;
  const id = randomUUID();
  const token = randomBytes(24).toString('base64url');
  const opened = await calendar.watchEvents(userId, calendarId, { id, address: `${publicUrl}/webhooks/google/calendar`, token, expiration: now + CHANNEL_TTL_MS });
  await db.insertInto('watch_channels').values({ id, user_id: userId, calendar_id: calendarId, resource_id: opened.resourceId, token_hash: hash(token), expires_at: opened.expiration }).execute();
  if (current) {
    await calendar.stopChannel(userId, current.id, current.resource_id);
    await db.deleteFrom('watch_channels').where('id', '=', current.id).execute();
  }
  return true;
}

/** The channel a notification names, if its token is the one we gave Google for it (compared in constant time). */
export async function verifyNotification(db: Db, channelId: string | undefined, token: string | undefined, now: number): Promise<{ userId: string; calendarId: string } | null> {
  if (!channelId || !token) return null;
  const channel = await db.selectFrom('watch_channels').selectAll().where('id', '=', channelId).executeTakeFirst();
  if (!channel || channel.expires_at <= now) return null;
  const a = Buffer.from(hash(token));
  const b = Buffer.from(channel.token_hash);
  return a.length === b.length && timingSafeEqual(a, b) ? { userId: channel.user_id, calendarId: channel.calendar_id } : null;
}
