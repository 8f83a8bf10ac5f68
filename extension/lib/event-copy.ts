import type { CalendarEvent } from '../../shared/schemas/calendar-event.ts';
import { companion } from './api.ts';
import { db, type CachedEvent, type CopyState, type LoadedWindow } from './local-db.ts';

/**
 * The signed-in account's local copy of its events, which the side panel, the
 * dashboard and the badge read. A window is loaded in full from /api/events once;
 * after that the delta feed (event-feed.ts) keeps it current, so reading a
 * loaded window costs no request. The copy belongs to one account: another
 * account, or signing out, starts it over.
 */

export function toCached(e: CalendarEvent): CachedEvent {
  return { id: e.id, calendarId: e.calendarId, startMs: Date.parse(e.start), endMs: Date.parse(e.end), json: JSON.stringify(e) };
}

/** The copy's state for `account`, starting the copy over when it held another account's events. */
export async function bindAccount(account: string): Promise<CopyState> {
  return db.transaction('rw', db.copy, db.events, async () => {
    const mine = await db.copy.get(account);
    if (mine) return mine;
    await db.copy.clear();
    await db.events.clear();
    const fresh: CopyState = { account, cursor: null, windows: [] };
    await db.copy.put(fresh);
    return fresh;
  });
}

/** Nobody is signed in any more: their events must not stay behind. */
export async function resetCopy(): Promise<void> {
  await db.transaction('rw', db.copy, db.events, async () => {
    await db.copy.clear();
    await db.events.clear();
  });
}

/** Events of `calendarIds` overlapping [from, to) in the copy, by start. */
export async function eventsIn(calendarIds: string[], from: number, to: number): Promise<CalendarEvent[]> {
  const rows = await db.events
    .where('startMs')
    .below(to)
    .filter((e) => e.endMs > from && calendarIds.includes(e.calendarId))
    .sortBy('startMs');
  return rows.map((r) => JSON.parse(r.json) as CalendarEvent);
}

/**
 * Makes sure the copy holds [from, to) of each calendar, then reads it. A window
 * not loaded yet (or any window while the companion keeps no copy) is fetched in
 * full. When the companion cannot be reached, what the copy has is shown; with
 * nothing there either, the error is.
 */
export async function readWindow(account: string, calendarIds: string[], from: number, to: number): Promise<CalendarEvent[]> {
  try {
    await Promise.all(calendarIds.map((id) => loadWindow(account, id, from, to)));
  } catch (error) {
    const cached = await eventsIn(calendarIds, from, to);
    if (cached.length) return cached;
    throw error;
  }
  return eventsIn(calendarIds, from, to);
}

async function loadWindow(account: string, calendarId: string, from: number, to: number): Promise<void> {
  const state = await bindAccount(account);
  if (state.cursor !== null && state.windows.some((w) => w.calendarId === calendarId && w.from <= from && w.to >= to)) return;
  const res = await companion<{ items: CalendarEvent[]; cursor?: number }>(
    `/api/events?calendarId=${encodeURIComponent(calendarId)}&from=${encodeURIComponent(new Date(from).toISOString())}&to=${encodeURIComponent(new Date(to).toISOString())}`,
  );
  await db.transaction('rw', db.copy, db.events, async () => {
    const current = await db.copy.get(account);
    if (!current) return; // signed out (or another account) while the request was out
    const stale = await db.events
      .where('startMs')
      .below(to)
      .filter((e) => e.calendarId === calendarId && e.endMs > from)
      .primaryKeys();
    await db.events.bulkDelete(stale);
    await db.events.bulkPut(res.items.map(toCached));
    // No cursor: the companion does not sync this calendar (or nothing yet), so the window is not kept as
    // loaded and is read again next time; the feed's cursor, which is about the synced calendars, stays.
    if (res.cursor === undefined) return;
    // The snapshot may be older than changes the feed already applied: going back to its cursor applies them
    // again on top of it (an upsert or a delete twice is harmless), so no change is lost under the snapshot.
    const cursor = current.cursor === null ? res.cursor : Math.min(current.cursor, res.cursor);
    await db.copy.put({ account, cursor, windows: addWindow(current.cursor === null ? [] : current.windows, { calendarId, from, to }) });
  });
}

/** Adds a window, merging those of the same calendar that overlap or touch. */
export function addWindow(windows: LoadedWindow[], next: LoadedWindow): LoadedWindow[] {
  const same = [...windows.filter((w) => w.calendarId === next.calendarId), next].sort((a, b) => a.from - b.from);
  const merged: LoadedWindow[] = [];
  for (const w of same) {
    const last = merged.at(-1);
    if (last && w.from <= last.to) last.to = Math.max(last.to, w.to);
    else merged.push({ ...w });
  }
  return [...windows.filter((w) => w.calendarId !== next.calendarId), ...merged];
}
