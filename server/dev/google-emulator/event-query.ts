import { DateTime } from 'luxon';
import type { Clock } from './clock.ts';
import { errors } from './google-error.ts';
import { instantOf } from './event-input.ts';
import { EXPANSION_HORIZON_MS, instanceResource, isException, isRecurring, occurrencesOf } from './instances.ts';
import type { CalendarRecord, EventResource, StoredEvent } from './state.ts';
import type { EmulatorStore } from './store.ts';

export interface ListQuery {
  timeMin?: string;
  timeMax?: string;
  singleEvents?: string;
  orderBy?: string;
  q?: string;
  pageToken?: string;
  maxResults?: string;
  syncToken?: string;
  showDeleted?: string;
  updatedMin?: string;
  iCalUID?: string;
  timeZone?: string;
  originalStart?: string;
}

export interface EventsPage {
  kind: 'calendar#events';
  etag: string;
  summary: string;
  description: string;
  updated: string;
  timeZone: string;
  accessRole: 'owner';
  defaultReminders: Array<{ method: string; minutes: number }>;
  nextPageToken?: string;
  nextSyncToken?: string;
  items: EventResource[];
}

interface Cursor {
  /** Offset into the result list. */
  o: number;
  /** The calendar's change counter when the listing began; becomes the sync token on the last page. */
  s: number;
  e: number;
}

const SYNC_INCOMPATIBLE = ['timeMin', 'timeMax', 'updatedMin', 'q', 'orderBy', 'iCalUID'] as const;

/** events.list and events.instances, including Google's paging and incremental-sync contract. */
export class EventQuery {
  constructor(
    private readonly store: EmulatorStore,
    private readonly clock: Clock,
    private readonly htmlBase: string,
  ) {}

  list(calendar: CalendarRecord, query: ListQuery): EventsPage {
    const singleEvents = query.singleEvents === 'true';
    if (query.orderBy && !['startTime', 'updated'].includes(query.orderBy)) throw errors.invalid('Invalid value for: orderBy', 'orderBy');
    if (query.orderBy === 'startTime' && !singleEvents) {
      throw errors.badRequest('The requested ordering is not available for the particular query.');
    }
    const maxResults = parseMaxResults(query.maxResults);
    const cursor = this.startCursor(calendar, query.pageToken);
    let items: EventResource[];
    if (query.syncToken) {
      const used = SYNC_INCOMPATIBLE.filter((p) => query[p] !== undefined);
      if (used.length) throw errors.invalid(`Sync token cannot be used with these parameters: ${used.join(', ')}`, 'syncToken');
      const since = this.readSyncToken(calendar, query.syncToken);
      items = this.changedSince(calendar, since, cursor.s, singleEvents);
    } else {
      const window = timeWindow(query);
      const showDeleted = query.showDeleted === 'true';
      items = singleEvents ? this.expanded(calendar, window, showDeleted) : this.unexpanded(calendar, window, showDeleted);
      items = filterItems(items, query);
      items = sortItems(items, query.orderBy, calendar.timeZone);
    }
    return this.page(calendar, items, cursor, maxResults, query.timeZone);
  }

  instances(calendar: CalendarRecord, parent: EventResource, query: ListQuery): EventsPage {
    if (!isRecurring(parent)) throw errors.badRequest('The event is not recurring.');
    const maxResults = parseMaxResults(query.maxResults);
    const cursor = this.startCursor(calendar, query.pageToken);
    const window = timeWindow(query);
    const showDeleted = query.showDeleted === 'true';
    let items = this.seriesInstances(calendar, parent, window, showDeleted);
    if (query.originalStart) {
      const wanted = Date.parse(query.originalStart);
      items = items.filter((i) => i.originalStartTime && instantOf(i.originalStartTime, calendar.timeZone) === wanted);
    }
    const page = this.page(calendar, sortItems(items, 'startTime', calendar.timeZone), cursor, maxResults, query.timeZone);
    delete page.nextSyncToken;
    return page;
  }

  syncTokenFor(calendar: CalendarRecord, seq = calendar.changeSeq): string {
    return encode({ c: calendar.id, e: calendar.syncEpoch, s: seq });
  }

  private unexpanded(calendar: CalendarRecord, window: TimeWindow, showDeleted: boolean): EventResource[] {
    const out: EventResource[] = [];
    for (const stored of this.ordered(calendar)) {
      const r = stored.resource;
      if (r.status === 'cancelled') {
        // Google lists cancelled instances of a series even without showDeleted when singleEvents is false.
        const keep = showDeleted || isException(r);
        if (keep && (!isException(r) || overlaps(r.originalStartTime!, r.originalStartTime!, calendar, window, true))) out.push(tombstone(r));
        continue;
      }
      if (isRecurring(r)) {
        if (this.seriesOverlaps(calendar, r, window)) out.push(r);
      } else if (overlaps(r.start, r.end, calendar, window)) {
        out.push(r);
      }
    }
    return out;
  }

  private expanded(calendar: CalendarRecord, window: TimeWindow, showDeleted: boolean): EventResource[] {
    const out: EventResource[] = [];
    for (const stored of this.ordered(calendar)) {
      const r = stored.resource;
      if (isException(r)) continue; // placed by their series below
      if (r.status === 'cancelled') {
        if (showDeleted) out.push(tombstone(r));
        continue;
      }
      if (isRecurring(r)) out.push(...this.seriesInstances(calendar, r, window, showDeleted));
      else if (overlaps(r.start, r.end, calendar, window)) out.push(r);
    }
    return out;
  }

  private seriesInstances(calendar: CalendarRecord, parent: EventResource, window: TimeWindow, showDeleted: boolean): EventResource[] {
    const events = this.store.eventsOf(calendar.id);
    const from = Number.isFinite(window.fromMs) ? window.fromMs : instantOf(parent.start, calendar.timeZone);
    const to = Number.isFinite(window.toMs) ? window.toMs : this.clock.now() + EXPANSION_HORIZON_MS;
    const out: EventResource[] = [];
    const placed = new Set<string>();
    for (const occurrence of occurrencesOf(parent, calendar, from, to)) {
      const id = `${parent.id}_${occurrence.idSuffix}`;
      const exception = events.get(id);
      placed.add(id);
      if (!exception) out.push(instanceResource(parent, occurrence, this.htmlBase, calendar.id));
      else if (exception.resource.status !== 'cancelled') {
        if (overlaps(exception.resource.start, exception.resource.end, calendar, window)) out.push(exception.resource);
      } else if (showDeleted) out.push(tombstone(exception.resource));
    }
    // An exception moved into the window from an occurrence outside it still shows up there.
    for (const stored of events.values()) {
      const r = stored.resource;
      if (r.recurringEventId !== parent.id || placed.has(r.id) || r.status === 'cancelled') continue;
      if (overlaps(r.start, r.end, calendar, window)) out.push(r);
    }
    return out;
  }

  private seriesOverlaps(calendar: CalendarRecord, parent: EventResource, window: TimeWindow): boolean {
    if (!Number.isFinite(window.fromMs) && !Number.isFinite(window.toMs)) return true;
    const from = Number.isFinite(window.fromMs) ? window.fromMs : instantOf(parent.start, calendar.timeZone);
    const to = Number.isFinite(window.toMs) ? window.toMs : from + EXPANSION_HORIZON_MS * 50;
    return occurrencesOf(parent, calendar, from, to, 1).length > 0;
  }

  private changedSince(calendar: CalendarRecord, since: number, upTo: number, singleEvents: boolean): EventResource[] {
    const changed = [...this.store.eventsOf(calendar.id).values()]
      .filter((e) => e.changeSeq > since && e.changeSeq <= upTo)
      .sort((a, b) => a.changeSeq - b.changeSeq);
    const out: EventResource[] = [];
    const all: TimeWindow = { fromMs: -Infinity, toMs: Infinity };
    for (const { resource: r } of changed) {
      if (r.status === 'cancelled') out.push(tombstone(r));
      else if (singleEvents && isRecurring(r)) out.push(...this.seriesInstances(calendar, r, all, false));
      else out.push(r);
    }
    return out;
  }

  private ordered(calendar: CalendarRecord): StoredEvent[] {
    return [...this.store.eventsOf(calendar.id).values()].sort((a, b) => a.createdOrder - b.createdOrder);
  }

  private startCursor(calendar: CalendarRecord, pageToken: string | undefined): Cursor {
    if (!pageToken) return { o: 0, s: calendar.changeSeq, e: calendar.syncEpoch };
    const cursor = decode(pageToken) as Partial<Cursor> | null;
    if (!cursor || typeof cursor.o !== 'number' || typeof cursor.s !== 'number' || typeof cursor.e !== 'number') {
      throw errors.invalid('Invalid page token value.', 'pageToken');
    }
    return cursor as Cursor;
  }

  private readSyncToken(calendar: CalendarRecord, token: string): number {
    const parsed = decode(token) as { c?: string; e?: number; s?: number } | null;
    if (!parsed || parsed.c !== calendar.id || parsed.e !== calendar.syncEpoch || typeof parsed.s !== 'number') {
      throw errors.fullSyncRequired();
    }
    return parsed.s;
  }

  private page(calendar: CalendarRecord, items: EventResource[], cursor: Cursor, maxResults: number, timeZone?: string): EventsPage {
    const slice = items.slice(cursor.o, cursor.o + maxResults);
    const more = cursor.o + maxResults < items.length;
    const updated = items.reduce((max, i) => (i.updated && i.updated > max ? i.updated : max), new Date(0).toISOString());
    const page: EventsPage = {
      kind: 'calendar#events',
      etag: `"p${calendar.changeSeq.toString(36)}g"`,
      summary: calendar.summary,
      description: calendar.description,
      updated,
      timeZone: timeZone ?? calendar.timeZone,
      accessRole: 'owner',
      defaultReminders: [{ method: 'popup', minutes: 10 }],
      items: slice,
    };
    if (more) page.nextPageToken = encode({ ...cursor, o: cursor.o + maxResults });
    else page.nextSyncToken = this.syncTokenFor(calendar, cursor.s);
    return page;
  }
}

interface TimeWindow {
  fromMs: number;
  toMs: number;
}

function timeWindow(query: ListQuery): TimeWindow {
  const fromMs = query.timeMin === undefined ? -Infinity : parseRfc3339(query.timeMin, 'timeMin');
  const toMs = query.timeMax === undefined ? Infinity : parseRfc3339(query.timeMax, 'timeMax');
  if (fromMs > toMs || (fromMs === toMs && Number.isFinite(fromMs))) throw errors.timeRangeEmpty();
  return { fromMs, toMs };
}

function parseRfc3339(value: string, name: string): number {
  // Google requires an offset on timeMin/timeMax; a bare local time is a 400.
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/i.test(value)) throw errors.badRequest('Bad Request', name);
  const ms = DateTime.fromISO(value, { setZone: true }).toMillis();
  if (Number.isNaN(ms)) throw errors.badRequest('Bad Request', name);
  return ms;
}

function parseMaxResults(value: string | undefined): number {
  if (value === undefined) return 250;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1) throw errors.invalid('Invalid value for: maxResults', 'maxResults');
  return Math.min(n, 2500);
}

// Parsing times dominates a listing over thousands of events; resources are replaced on every write, so caching by identity is safe.
const instants = new WeakMap<object, number>();
function cachedInstant(value: EventResource['start'], zone: string): number {
  let ms = instants.get(value);
  if (ms === undefined) instants.set(value, (ms = instantOf(value, zone)));
  return ms;
}

function overlaps(start: EventResource['start'], end: EventResource['end'], calendar: CalendarRecord, window: TimeWindow, point = false): boolean {
  const s = cachedInstant(start, calendar.timeZone);
  const e = point ? s + 1 : cachedInstant(end, calendar.timeZone);
  // Google's timeMin bounds the end (exclusive), timeMax the start (exclusive); a zero-length event at timeMin still counts.
  return (e > window.fromMs || (e === s && s >= window.fromMs)) && s < window.toMs;
}

function filterItems(items: EventResource[], query: ListQuery): EventResource[] {
  let out = items;
  if (query.q) {
    const terms = query.q.toLowerCase().split(/\s+/).filter(Boolean);
    out = out.filter((i) => {
      const text = [i.summary, i.description, i.location, i.organizer?.email, ...(i.attendees ?? []).flatMap((a) => [a.email, a.displayName])]
        .filter(Boolean)
        .join(' ')
        .toLowerCase();
      return terms.every((t) => text.includes(t));
    });
  }
  if (query.updatedMin) {
    const min = parseRfc3339(query.updatedMin, 'updatedMin');
    out = out.filter((i) => Date.parse(i.updated) >= min);
  }
  if (query.iCalUID) out = out.filter((i) => i.iCalUID === query.iCalUID);
  return out;
}

function sortItems(items: EventResource[], orderBy: string | undefined, zone: string): EventResource[] {
  if (orderBy === 'startTime') {
    return [...items].sort((a, b) => startKey(a, zone) - startKey(b, zone) || a.id.localeCompare(b.id));
  }
  if (orderBy === 'updated') return [...items].sort((a, b) => a.updated.localeCompare(b.updated));
  return items;
}

function startKey(item: EventResource, zone: string): number {
  const start = item.start ?? item.originalStartTime;
  return start ? cachedInstant(start, zone) : 0;
}

/** What Google returns for a deleted event in a listing: only the id is guaranteed. */
function tombstone(r: EventResource): EventResource {
  const t = { kind: r.kind, etag: r.etag, id: r.id, status: 'cancelled', updated: r.updated } as EventResource;
  if (r.recurringEventId) {
    t.recurringEventId = r.recurringEventId;
    t.originalStartTime = r.originalStartTime;
  }
  return t;
}

function encode(value: object): string {
  return Buffer.from(JSON.stringify(value)).toString('base64url');
}

function decode(token: string): unknown {
  try {
    return JSON.parse(Buffer.from(token, 'base64url').toString('utf8'));
  } catch {
    return null;
  }
}
