import Dexie, { type Table } from 'dexie';

/**
 * Writes the user made that must reach the companion exactly once: each
 * carries its idempotency key, so retrying after a failure (offline, 5xx, 429)
 * cannot duplicate it. Kept in IndexedDB, so a closed popup or a restarted
 * browser loses nothing.
 */
export interface OutboxWrite {
  id: string; // the idempotency key
  method: 'POST' | 'PATCH' | 'DELETE';
  path: string;
  body: unknown;
  label: string;
  state: 'pending' | 'done' | 'failed';
  attempts: number;
  nextAttemptAt: number;
  createdAt: number;
  result?: unknown;
  error?: string;
}

/** One event of the local copy; the times as epoch milliseconds, because ISO strings with offsets do not sort. */
export interface CachedEvent {
  id: string;
  calendarId: string;
  startMs: number;
  endMs: number;
  json: string;
}

/** A window of one calendar loaded in full; from then on the delta feed keeps it current. */
export interface LoadedWindow {
  calendarId: string;
  from: number;
  to: number;
}

/**
 * Whose copy this is and where the delta feed continues. `cursor` is null while
 * the companion keeps no synced copy: then nothing counts as loaded and the
 * views read /api/events each time, as before the feed existed.
 */
export interface CopyState {
  account: string;
  cursor: number | null;
  windows: LoadedWindow[];
}

class AssistantDb extends Dexie {
  outbox!: Table<OutboxWrite, string>;
  events!: Table<CachedEvent, [string, string]>;
  copy!: Table<CopyState, string>;

  constructor() {
    super('calendar-assistant');
    this.version(1).stores({ outbox: 'id, state, nextAttemptAt', events: '[calendarId+id], start' });
    // Version 1's events were a cache of one week keyed by ISO strings; they are refetched, not migrated.
    this.version(2)
      .stores({ events: '[calendarId+id], startMs', copy: 'account' })
      .upgrade((tx) => tx.table('events').clear());
  }
}

/** The extension's IndexedDB (the web dashboard's, on the companion's origin): the outbox and the local copy of events. */
export const db = new AssistantDb();
