import { ApiError } from '../api-error.ts';
import type { Db } from '../db/database.ts';
import { applyEventChanges, findSyncState, saveSyncState } from '../db/repositories/synced-events.ts';
import type { CalendarGateway } from '../google/calendar-gateway.ts';
import { fromGoogleEvent } from '../google/event-mapping.ts';
import type { JobContext } from './job-handlers.ts';
import { ensureWatch } from './watch-calendar.ts';

/**
 * Brings the synced copy of one calendar up to date: a full sync the first
 * time (paged), then only what changed since the last sync token. Google's 410
 * (token expired) clears the copy and syncs in full again. Returns how many
 * events changed.
 */
export async function syncCalendar(db: Db, calendar: CalendarGateway, userId: string, calendarId: string, now: number): Promise<{ changed: number; full: boolean }> {
  const state = await findSyncState(db, userId, calendarId);
  let token = state?.sync_token ?? null;
  let full = !token;
  let round;
  try {
    round = await calendar.syncEvents(userId, calendarId, token);
  } catch (error) {
    if (!(error instanceof ApiError && error.status === 410)) throw error;
    token = null;
    full = true;
    round = await calendar.syncEvents(userId, calendarId, null);
  }
  const changes = round.items.map((e) => ({ id: e.id!, event: e.status === 'cancelled' ? null : fromGoogleEvent(e, calendarId, round.timeZone) }));
  // A full sync replaces the copy: events gone from Google since are reported deleted.
  await applyEventChanges(db, userId, calendarId, full ? changes.filter((c) => c.event) : changes, full && Boolean(state));
  await saveSyncState(db, userId, calendarId, { syncToken: round.nextSyncToken, timeZone: round.timeZone, syncedAt: now });
  return { changed: changes.length, full };
}

declare module './runner.ts' {
  interface TaskPayloads {
    'sync-calendar': { userId: string; calendarId: string };
  }
}

/**
 * The `sync-calendar` task: one calendar brought up to date, and its push channel kept open where
 * Google should push. A connection Google no longer accepts is not worth retrying: it waits for the user.
 */
export async function syncCalendarTask(ctx: JobContext, { userId, calendarId }: { userId: string; calendarId: string }): Promise<Record<string, number>> {
  try {
    const { changed } = await syncCalendar(ctx.db, ctx.calendar, userId, calendarId, ctx.now());
    if (ctx.watch.enabled) await ensureWatch(ctx.db, ctx.calendar, userId, calendarId, ctx.watch.publicUrl, ctx.now());
    return { changed };
  } catch (error) {
    if (error instanceof ApiError && error.status < 500) {
      ctx.log.warn({ userId, calendarId, code: error.code }, 'sync skipped');
      return { failed: 1 };
    }
    throw error;
  }
}
