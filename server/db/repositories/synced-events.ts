import type { CalendarEvent } from '../../../shared/schemas/calendar-event.ts';
import type { Db } from '../database.ts';
import type { CalendarSyncTable } from '../schema.ts';

export async function findSyncState(db: Db, userId: string, calendarId: string): Promise<CalendarSyncTable | undefined> {
  return db.selectFrom('calendar_sync').selectAll().where('user_id', '=', userId).where('calendar_id', '=', calendarId).executeTakeFirst();
}

/** Whether the user has a synced copy at all: without one the delta feed has nothing to report. */
export async function hasSyncedCopy(db: Db, userId: string): Promise<boolean> {
  return Boolean(await db.selectFrom('calendar_sync').select('calendar_id').where('user_id', '=', userId).executeTakeFirst());
}

/** The user's latest change number: a reader that takes it before reading events misses no later change. */
export async function currentChangeSeq(db: Db, userId: string): Promise<number> {
  return (await db.selectFrom('sync_sequence').select('seq').where('user_id', '=', userId).executeTakeFirst())?.seq ?? 0;
}

export async function saveSyncState(db: Db, userId: string, calendarId: string, state: { syncToken: string | null; timeZone: string; syncedAt: number }): Promise<void> {
  const values = { sync_token: state.syncToken, time_zone: state.timeZone, synced_at: state.syncedAt };
  await db
    .insertInto('calendar_sync')
    .values({ user_id: userId, calendar_id: calendarId, ...values })
    .onConflict((oc) => oc.columns(['user_id', 'calendar_id']).doUpdateSet(values))
    .execute();
}

/**
 * Applies a batch of changes in one transaction, each stamped with the user's
 * next change number; deletions stay as tombstones so the delta feed reports them.
 */
export async function applyEventChanges(db: Db, userId: string, calendarId: string, changes: Array<{ id: string; event: CalendarEvent | null }>, clearFirst = false): Promise<number> {
  return db.transaction().execute(async (tx) => {
    // Take the user's sequence row first: on PostgreSQL two batches at once (the sync job and a sync after a
    // write) would otherwise read the same number, hand out the same change numbers, and a feed reader could
    // pass the later-committed ones by. The no-op upsert locks the row until this batch commits.
    await tx
      .insertInto('sync_sequence')
      .values({ user_id: userId, seq: 0 })
      .onConflict((oc) => oc.column('user_id').doUpdateSet({ seq: (eb) => eb.ref('sync_sequence.seq') }))
      .execute();
    const row = await tx.selectFrom('sync_sequence').select('seq').where('user_id', '=', userId).executeTakeFirst();
    let seq = row?.seq ?? 0;
    if (clearFirst) {
      // A full resync (after 410 GONE): everything we had is reported deleted, then what Google has is added back.
      const existing = await tx.selectFrom('synced_events').select('event_id').where('user_id', '=', userId).where('calendar_id', '=', calendarId).where('deleted', '=', 0).execute();
      for (const e of existing) {
        seq++;
        await tx.updateTable('synced_events').set({ deleted: 1, change_seq: seq }).where('user_id', '=', userId).where('calendar_id', '=', calendarId).where('event_id', '=', e.event_id).execute();
      }
    }
    for (const change of changes) {
      seq++;
      const values = change.event
        ? { start_at: Date.parse(change.event.start), end_at: Date.parse(change.event.end), deleted: 0, change_seq: seq, json: JSON.stringify(change.event) }
        : { start_at: 0, end_at: 0, deleted: 1, change_seq: seq, json: JSON.stringify({ id: change.id, calendarId, status: 'cancelled' }) };
      await tx
        .insertInto('synced_events')
        .values({ user_id: userId, calendar_id: calendarId, event_id: change.id, ...values })
        .onConflict((oc) => oc.columns(['user_id', 'calendar_id', 'event_id']).doUpdateSet(values))
        .execute();
    }
    await tx
      .insertInto('sync_sequence')
      .values({ user_id: userId, seq })
      .onConflict((oc) => oc.column('user_id').doUpdateSet({ seq }))
      .execute();
    return seq;
  });
}

export async function syncedEventsIn(db: Db, userId: string, calendarId: string, from: number, to: number): Promise<CalendarEvent[]> {
  const rows = await db
    .selectFrom('synced_events')
    .select('json')
    .where('user_id', '=', userId)
    .where('calendar_id', '=', calendarId)
    .where('deleted', '=', 0)
    .where('start_at', '<', to)
    .where('end_at', '>', from)
    .orderBy('start_at')
    .execute();
  return rows.map((r) => JSON.parse(r.json) as CalendarEvent);
}

export async function changesSince(db: Db, userId: string, since: number, limit: number): Promise<{ items: Array<{ deleted: boolean; event: CalendarEvent }>; cursor: number; more: boolean }> {
  const rows = await db
    .selectFrom('synced_events')
    .select(['json', 'deleted', 'change_seq'])
    .where('user_id', '=', userId)
    .where('change_seq', '>', since)
    .orderBy('change_seq')
    .limit(limit + 1)
    .execute();
  const page = rows.slice(0, limit);
  return {
    items: page.map((r) => ({ deleted: r.deleted === 1, event: JSON.parse(r.json) as CalendarEvent })),
    cursor: page.at(-1)?.change_seq ?? since,
    more: rows.length > limit,
  };
}
