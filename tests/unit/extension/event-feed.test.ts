import 'fake-indexeddb/auto';
import { afterAll, beforeEach, describe, expect, it, vi } from 'vitest';
import type { CalendarEvent } from '../../../shared/schemas/calendar-event.ts';
import type { EventChange } from '../../../shared/schemas/event-changes.ts';

// The browser's storage, in memory: the platform under the extension, not our code.
const stored = new Map<string, unknown>();
const area = {
  get: async (key: string) => (stored.has(key) ? { [key]: stored.get(key) } : {}),
  set: async (items: Record<string, unknown>) => void Object.entries(items).forEach(([k, v]) => stored.set(k, v)),
  remove: async (keys: string | string[]) => void [keys].flat().forEach((k) => stored.delete(k)),
};
vi.stubGlobal('browser', { storage: { local: area, session: area } });

const { bindAccount, eventsIn, readWindow, resetCopy } = await import('../../../extension/lib/event-copy.ts');
const { pullFeed } = await import('../../../extension/lib/event-feed.ts');
const { db } = await import('../../../extension/lib/local-db.ts');

const DAY = Date.parse('2027-01-04T00:00:00Z');
const WEEK = [DAY, DAY + 7 * 86_400_000] as const;
const event = (id: string, start: string, title = id): CalendarEvent => ({
  id,
  calendarId: 'primary',
  status: 'confirmed',
  title,
  start,
  end: new Date(Date.parse(start) + 3_600_000).toISOString(),
  allDay: false,
  attendees: [],
  transparency: 'opaque',
  etag: `"${title}"`,
  updated: start,
});

/**
 * The companion at the network edge: its synced copy as a numbered change log,
 * answering /api/events (with the cursor) and /api/events/changes as the real routes do.
 */
class FakeCompanion {
  log: Array<{ seq: number; change: EventChange }> = [];
  synced = true;
  requests: string[] = [];
  private seq = 0;

  put(e: CalendarEvent): void {
    this.log = this.log.filter((l) => l.change.event.id !== e.id);
    this.log.push({ seq: ++this.seq, change: { deleted: false, event: e } });
  }
  remove(id: string): void {
    this.log = this.log.filter((l) => l.change.event.id !== id);
    this.log.push({ seq: ++this.seq, change: { deleted: true, event: { id, calendarId: 'primary' } } });
  }
  /** The events as the copy holds them at this moment, e.g. to answer later with an old snapshot. */
  snapshot(): { items: CalendarEvent[]; cursor: number } {
    return { items: this.log.flatMap((l) => (l.change.deleted ? [] : [l.change.event])), cursor: this.seq };
  }
  nextSnapshot: { items: CalendarEvent[]; cursor: number } | null = null;

  readonly fetch = async (input: string): Promise<Response> => {
    const url = new URL(input);
    this.requests.push(`${url.pathname}${url.search}`);
    const json = (body: unknown) => new Response(JSON.stringify(body), { status: 200, headers: { 'content-type': 'application/json' } });
    if (url.pathname === '/api/events/changes') {
      const since = Number(url.searchParams.get('since'));
      const limit = Number(url.searchParams.get('limit'));
      if (!this.synced) return json({ items: [], cursor: since, more: false, synced: false });
      const after = this.log.filter((l) => l.seq > since);
      const page = after.slice(0, limit);
      return json({ items: page.map((l) => l.change), cursor: page.at(-1)?.seq ?? since, more: after.length > limit, synced: true });
    }
    if (url.pathname === '/api/events') {
      const from = Date.parse(url.searchParams.get('from')!);
      const to = Date.parse(url.searchParams.get('to')!);
      const { items, cursor } = this.nextSnapshot ?? this.snapshot();
      this.nextSnapshot = null;
      const inWindow = items.filter((e) => Date.parse(e.start) < to && Date.parse(e.end) > from);
      const calendarId = url.searchParams.get('calendarId');
      if (calendarId !== 'primary') return json({ timeZone: 'UTC', items: [event(`${calendarId}-1`, '2027-01-04T12:00:00Z', 'Team lunch')].map((e) => ({ ...e, calendarId })) });
      return json({ timeZone: 'UTC', items: inWindow, ...(this.synced ? { cursor } : {}) });
    }
    return new Response('{}', { status: 404 });
  };
}

let companion: FakeCompanion;
const titles = async () => (await eventsIn(['primary'], ...WEEK)).map((e) => e.title);
const cursorOf = async (account: string) => (await db.copy.get(account))?.cursor;
const feedRequests = () => companion.requests.filter((r) => r.startsWith('/api/events/changes'));
const listRequests = () => companion.requests.filter((r) => r.startsWith('/api/events?'));

beforeEach(async () => {
  await resetCopy();
  companion = new FakeCompanion();
  vi.stubGlobal('fetch', companion.fetch);
  companion.put(event('a', '2027-01-04T09:00:00Z', 'Planning'));
  companion.put(event('b', '2027-01-05T09:00:00Z', 'Review'));
});
afterAll(() => vi.unstubAllGlobals());

describe('the local copy and the delta feed', () => {
  it('loads a window in full once, with the cursor to continue from, and reads it again without a request', async () => {
    expect((await readWindow('ann', ['primary'], ...WEEK)).map((e) => e.title)).toEqual(['Planning', 'Review']);
    expect(await cursorOf('ann')).toBe(2);
    expect(await readWindow('ann', ['primary'], DAY, DAY + 86_400_000)).toHaveLength(1);
    expect(listRequests()).toHaveLength(1);
  });

  it('upserts a changed event and saves the cursor with it', async () => {
    await readWindow('ann', ['primary'], ...WEEK);
    companion.put(event('a', '2027-01-06T14:00:00Z', 'Planning (moved)'));
    companion.put(event('c', '2027-01-07T10:00:00Z', 'Retro'));
    expect(await pullFeed('ann')).toEqual({ status: 'applied', changed: 2 });
    expect(await titles()).toEqual(['Review', 'Planning (moved)', 'Retro']);
    expect(await cursorOf('ann')).toBe(4);
    expect(feedRequests().at(-1)).toContain('since=2');
  });

  it('deletes an event the feed reports as a tombstone', async () => {
    await readWindow('ann', ['primary'], ...WEEK);
    companion.remove('b');
    await pullFeed('ann');
    expect(await titles()).toEqual(['Planning']);
    expect(await cursorOf('ann')).toBe(3);
  });

  it('keeps reading while the feed says more, and continues from the persisted cursor next time', async () => {
    await readWindow('ann', ['primary'], ...WEEK);
    for (let i = 0; i < 1200; i++) companion.put(event(`n${i}`, new Date(DAY + i * 60_000).toISOString()));
    expect(await pullFeed('ann')).toEqual({ status: 'applied', changed: 1200 });
    expect(feedRequests()).toHaveLength(3); // 500 + 500 + 200
    expect(await eventsIn(['primary'], ...WEEK)).toHaveLength(1202);
    expect(await cursorOf('ann')).toBe(1202);

    db.close();
    await db.open();
    companion.remove('n0');
    await pullFeed('ann');
    expect(feedRequests().at(-1)).toContain('since=1202');
    expect(await eventsIn(['primary'], ...WEEK)).toHaveLength(1201);
  });

  it('starts over for another account, and keeps nothing after sign-out', async () => {
    await readWindow('ann', ['primary'], ...WEEK);
    await bindAccount('bob');
    expect(await titles()).toEqual([]);
    expect(await cursorOf('ann')).toBeUndefined();
    expect(await cursorOf('bob')).toBeNull();
    await readWindow('bob', ['primary'], ...WEEK);
    await resetCopy();
    expect(await titles()).toEqual([]);
    expect(await db.copy.count()).toBe(0);
  });

  it('applies changes again on top of a window loaded from an older snapshot, so none is lost under it', async () => {
    await readWindow('ann', ['primary'], DAY, DAY + 86_400_000);
    const old = companion.snapshot(); // cursor 2: Planning at 09:00
    companion.put(event('a', '2027-01-04T15:00:00Z', 'Planning (moved)'));
    await pullFeed('ann');
    expect(await cursorOf('ann')).toBe(3);
    // A wider window whose answer was read before the move (it reached us late).
    companion.nextSnapshot = old;
    await readWindow('ann', ['primary'], ...WEEK);
    expect(await cursorOf('ann')).toBe(2);
    await pullFeed('ann');
    expect(await titles()).toEqual(['Planning (moved)', 'Review']);
  });

  it('reads /api/events each time while the companion keeps no copy, and picks the feed up once it does', async () => {
    companion.synced = false;
    expect(await pullFeed('ann')).toEqual({ status: 'not_synced' });
    await readWindow('ann', ['primary'], ...WEEK);
    await readWindow('ann', ['primary'], ...WEEK);
    expect(listRequests()).toHaveLength(2);
    expect(await cursorOf('ann')).toBeNull();

    companion.synced = true;
    expect(await pullFeed('ann')).toEqual({ status: 'needs_window' });
    await readWindow('ann', ['primary'], ...WEEK);
    expect(await cursorOf('ann')).toBe(2);
  });

  it('reads a calendar the companion does not sync from /api/events each time, and leaves the feed alone', async () => {
    await readWindow('ann', ['primary', 'team'], ...WEEK);
    expect((await readWindow('ann', ['primary', 'team'], ...WEEK)).map((e) => e.title)).toEqual(['Planning', 'Team lunch', 'Review']);
    expect(listRequests().filter((r) => r.includes('calendarId=team'))).toHaveLength(2);
    expect(listRequests().filter((r) => r.includes('calendarId=primary'))).toHaveLength(1);
    expect(await cursorOf('ann')).toBe(2);
  });

  it('drops the cursor when the companion loses its copy, and shows what it has while offline', async () => {
    await readWindow('ann', ['primary'], ...WEEK);
    companion.synced = false;
    expect(await pullFeed('ann')).toEqual({ status: 'not_synced' });
    expect(await cursorOf('ann')).toBeNull();
    vi.stubGlobal('fetch', async () => {
      throw new TypeError('Failed to fetch');
    });
    expect((await readWindow('ann', ['primary'], ...WEEK)).map((e) => e.title)).toEqual(['Planning', 'Review']);
    await expect(readWindow('ann', ['primary'], DAY + 30 * 86_400_000, DAY + 31 * 86_400_000)).rejects.toMatchObject({ code: 'offline' });
  });
});
