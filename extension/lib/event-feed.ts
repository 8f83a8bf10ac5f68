import type { EventChangesPage } from '../../shared/schemas/event-changes.ts';
import { companion } from './api.ts';
import { bindAccount, toCached } from './event-copy.ts';
import { db } from './local-db.ts';

/**
 * Continues the companion's delta feed (`/api/events/changes`) from the copy's
 * cursor and applies it: changed events are upserted, tombstones delete, and
 * the cursor moves in the same transaction, so a closed panel or a crash never
 * leaves the two apart.
 *
 * - `applied`: the copy is current (`changed` events came in);
 * - `needs_window`: the companion has a copy now but ours has no cursor yet; loading a window gets one;
 * - `not_synced`: the companion keeps no copy; the views read /api/events instead;
 * - `reset`: the account was signed out or changed while the pull ran.
 */
export type FeedResult = { status: 'applied'; changed: number } | { status: 'needs_window' } | { status: 'not_synced' } | { status: 'reset' };

const PAGE_SIZE = 500;
/** A bound on one pull (here 100k changes); the next pull continues where this one stopped. */
const MAX_PAGES = 200;

export async function pullFeed(account: string): Promise<FeedResult> {
  const state = await bindAccount(account);
  if (state.cursor === null) {
    const probe = await companion<EventChangesPage>('/api/events/changes?since=0&limit=1');
    return probe.synced ? { status: 'needs_window' } : { status: 'not_synced' };
  }
  let since = state.cursor;
  let changed = 0;
  for (let n = 0; n < MAX_PAGES; n++) {
    const page = await companion<EventChangesPage>(`/api/events/changes?since=${since}&limit=${PAGE_SIZE}`);
    if (!page.synced) {
      // The companion lost its copy (disconnected, or sync turned off): nothing loaded counts as current any more.
      await db.copy.update(account, { cursor: null, windows: [] });
      return { status: 'not_synced' };
    }
    const next = await applyFeedPage(account, since, page);
    if (next === null) return { status: 'reset' };
    changed += page.items.length;
    if (!page.more && next >= page.cursor) break;
    since = next;
  }
  return { status: 'applied', changed };
}

/**
 * Applies one page read from `since`; returns the cursor to continue from, or
 * null when the copy is no longer this account's (or has no cursor).
 */
export async function applyFeedPage(account: string, since: number, page: EventChangesPage): Promise<number | null> {
  return db.transaction('rw', db.copy, db.events, async () => {
    const current = await db.copy.get(account);
    if (!current || current.cursor === null) return null;
    // A feed page holds each event at most once (the companion keeps one row per event), so order within it does not matter.
    await db.events.bulkDelete(page.items.flatMap((i) => (i.deleted ? [[i.event.calendarId, i.event.id] as [string, string]] : [])));
    await db.events.bulkPut(page.items.flatMap((i) => (i.deleted ? [] : [toCached(i.event)])));
    // Someone else moved the cursor while this page was out (the background, another panel, a window loaded
    // from an older snapshot): this page may have overwritten newer changes, so continue from the lower one.
    const cursor = current.cursor === since ? page.cursor : Math.min(current.cursor, page.cursor);
    await db.copy.update(account, { cursor });
    return cursor;
  });
}
