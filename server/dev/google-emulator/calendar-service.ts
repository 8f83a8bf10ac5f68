import type { Clock } from './clock.ts';
import { errors } from './google-error.ts';
import type { IdFactory } from './ids.ts';
import { checkClientId, mergePatch, stripReadOnly, validateEventShape, type EventInput } from './event-input.ts';
import {
  exceptionsOf,
  findOccurrence,
  htmlLink,
  instanceResource,
  isRecurring,
  splitInstanceId,
} from './instances.ts';
import type { Account, CalendarRecord, EventResource, StoredEvent } from './state.ts';
import type { EmulatorStore } from './store.ts';

export interface ResolvedEvent {
  calendar: CalendarRecord;
  /** The stored record, when the event (or the instance's exception) exists as one. */
  stored?: StoredEvent;
  /** What events.get would answer. */
  resource: EventResource;
  /** For an instance without an exception yet: the series it belongs to. */
  parent?: StoredEvent;
}

/**
 * Calendar writes with Google's semantics: client ids, etags and If-Match,
 * tombstones for deleted events (so sync can report them and ids stay taken),
 * and exceptions for single instances of a series.
 */
export class CalendarService {
  constructor(
    private readonly store: EmulatorStore,
    private readonly clock: Clock,
    private readonly ids: IdFactory,
    private readonly htmlBase: string,
  ) {}

  /** `primary` or a calendar id the account owns; anything else is 404, as Google hides calendars you cannot see. */
  calendarFor(account: Account, calendarId: string): CalendarRecord {
    const id = calendarId === 'primary' ? account.email : calendarId;
    const calendar = this.store.calendars.get(id) ?? (calendarId === 'primary' ? this.primaryOf(account) : undefined);
    if (!calendar || calendar.ownerSub !== account.sub) throw errors.notFound();
    return calendar;
  }

  primaryOf(account: Account): CalendarRecord | undefined {
    return this.store.calendarsOwnedBy(account.sub).find((c) => c.primary);
  }

  resolve(account: Account, calendarId: string, eventId: string): ResolvedEvent {
    const calendar = this.calendarFor(account, calendarId);
    const events = this.store.eventsOf(calendar.id);
    const stored = events.get(eventId);
    if (stored) return { calendar, stored, resource: stored.resource };
    const split = splitInstanceId(eventId);
    if (split) {
      const parent = events.get(split.parentId);
      if (parent && isRecurring(parent.resource) && parent.resource.status !== 'cancelled') {
        const occurrence = findOccurrence(parent.resource, calendar, split.suffix);
        if (occurrence) {
          return { calendar, parent, resource: instanceResource(parent.resource, occurrence, this.htmlBase, calendar.id) };
        }
      }
    }
    throw errors.notFound();
  }

  insert(account: Account, calendarId: string, body: Record<string, unknown>): EventResource {
    const calendar = this.calendarFor(account, calendarId);
    const input = stripReadOnly(body);
    checkClientId(input.id);
    validateEventShape(input, calendar.timeZone);
    const events = this.store.eventsOf(calendar.id);
    const id = (input.id as string | undefined) ?? this.ids.eventId();
    // Google keeps a deleted event's id taken: re-inserting it is a 409 too, which is what makes client ids idempotent.
    if (events.has(id)) throw errors.duplicate();
    const now = new Date(this.clock.now()).toISOString();
    const resource = this.normalise(account, calendar, {
      ...input,
      id,
      created: now,
      iCalUID: (input.iCalUID as string | undefined) ?? `${id}@google.com`,
      sequence: 0,
    });
    const stored: StoredEvent = { calendarId: calendar.id, resource, changeSeq: 0, createdOrder: this.store.nextCreatedOrder() };
    events.set(id, stored);
    this.bump(calendar, stored);
    return resource;
  }

  update(account: Account, calendarId: string, eventId: string, body: Record<string, unknown>, ifMatch?: string): EventResource {
    return this.write(account, calendarId, eventId, ifMatch, (current) => {
      const input = stripReadOnly(body);
      delete input.id;
      return { ...keepIdentity(current), ...input };
    });
  }

  patch(account: Account, calendarId: string, eventId: string, body: Record<string, unknown>, ifMatch?: string): EventResource {
    return this.write(account, calendarId, eventId, ifMatch, (current) => {
      const input = stripReadOnly(body);
      delete input.id;
      return mergePatch(current as unknown as Record<string, unknown>, input) as EventInput;
    });
  }

  delete(account: Account, calendarId: string, eventId: string, ifMatch?: string): void {
    const target = this.resolve(account, calendarId, eventId);
    checkEtag(target.resource, ifMatch);
    if (target.resource.status === 'cancelled') throw errors.deleted();
    if (target.stored) {
      this.cancel(target.calendar, target.stored);
      if (isRecurring(target.stored.resource)) {
        const events = this.store.eventsOf(target.calendar.id);
        for (const ex of exceptionsOf(events, target.stored.resource.id)) {
          if (ex.resource.status !== 'cancelled') this.cancel(target.calendar, ex);
        }
      }
      return;
    }
    // Cancelling one instance of a series stores a cancelled exception, as Google does.
    const stored = this.storeException(target, { ...target.resource, status: 'cancelled' });
    this.bump(target.calendar, stored);
  }

  expireSyncTokens(calendar: CalendarRecord): void {
    calendar.syncEpoch++;
    this.store.touch();
  }

  private write(
    account: Account,
    calendarId: string,
    eventId: string,
    ifMatch: string | undefined,
    change: (current: EventResource) => EventInput,
  ): EventResource {
    const target = this.resolve(account, calendarId, eventId);
    checkEtag(target.resource, ifMatch);
    const next = change(target.resource);
    validateEventShape(next, target.calendar.timeZone);
    const timingChanged =
      JSON.stringify([next.start, next.end, next.recurrence]) !==
      JSON.stringify([target.resource.start, target.resource.end, target.resource.recurrence]);
    const resource = this.normalise(account, target.calendar, {
      ...next,
      id: target.resource.id,
      created: target.resource.created,
      iCalUID: target.resource.iCalUID,
      sequence: target.resource.sequence + (timingChanged ? 1 : 0),
      recurringEventId: target.resource.recurringEventId,
      originalStartTime: target.resource.originalStartTime,
    });
    if (!target.stored) {
      const stored = this.storeException(target, resource);
      this.bump(target.calendar, stored);
      return stored.resource;
    }
    target.stored.resource = resource;
    this.bump(target.calendar, target.stored);
    if (isRecurring(resource) || isRecurring(target.resource)) this.dropOrphanedExceptions(target.calendar, resource);
    return resource;
  }

  /**
   * After a series' rule or start changes (e.g. "this and following" ends it with UNTIL),
   * exceptions for occurrences the series no longer has are deleted, as Google does.
   */
  private dropOrphanedExceptions(calendar: CalendarRecord, parent: EventResource): void {
    const events = this.store.eventsOf(calendar.id);
    for (const ex of exceptionsOf(events, parent.id)) {
      if (ex.resource.status === 'cancelled') continue;
      const suffix = splitInstanceId(ex.resource.id)?.suffix;
      const stillThere = isRecurring(parent) && suffix && findOccurrence(parent, calendar, suffix);
      if (!stillThere) this.cancel(calendar, ex);
    }
  }

  private storeException(target: ResolvedEvent, resource: EventResource): StoredEvent {
    const events = this.store.eventsOf(target.calendar.id);
    const stored: StoredEvent = {
      calendarId: target.calendar.id,
      resource: { ...resource, recurrence: undefined },
      changeSeq: 0,
      createdOrder: this.store.nextCreatedOrder(),
    };
    delete stored.resource.recurrence;
    events.set(resource.id, stored);
    return stored;
  }

  private cancel(calendar: CalendarRecord, stored: StoredEvent): void {
    stored.resource = { ...stored.resource, status: 'cancelled' };
    this.bump(calendar, stored);
  }

  private bump(calendar: CalendarRecord, stored: StoredEvent): void {
    calendar.changeSeq++;
    stored.changeSeq = calendar.changeSeq;
    stored.resource.updated = new Date(this.clock.now()).toISOString();
    stored.resource.etag = `"${3_000_000_000_000_000 + ++this.store.etagCounter}"`;
    this.store.touch();
    this.onChange(calendar.id);
  }

  /** Set by the app: push notifications to watch channels. */
  onChange: (calendarId: string) => void = () => undefined;

  private normalise(account: Account, calendar: CalendarRecord, input: EventInput): EventResource {
    const self = { email: calendar.id, self: true };
    const attendees = Array.isArray(input.attendees)
      ? input.attendees.map((a) => {
          const email = String(a.email).toLowerCase();
          const out = { ...a, email, responseStatus: a.responseStatus ?? 'needsAction' };
          if (email === account.email.toLowerCase()) Object.assign(out, { self: true, organizer: true, responseStatus: a.responseStatus ?? 'accepted' });
          return out;
        })
      : undefined;
    const resource: EventResource = {
      ...(input as Record<string, unknown>),
      kind: 'calendar#event',
      etag: '',
      id: input.id as string,
      status: (input.status as EventResource['status'] | undefined) ?? 'confirmed',
      htmlLink: htmlLink(this.htmlBase, input.id as string, calendar.id),
      created: input.created as string,
      updated: '',
      creator: { ...self, email: account.email },
      organizer: { ...self, displayName: calendar.summary },
      start: input.start!,
      end: input.end!,
      iCalUID: input.iCalUID as string,
      sequence: (input.sequence as number | undefined) ?? 0,
      reminders: (input.reminders as EventResource['reminders'] | undefined) ?? { useDefault: true },
      eventType: (input.eventType as string | undefined) ?? 'default',
    };
    if (attendees) resource.attendees = attendees;
    else delete resource.attendees;
    for (const key of ['recurringEventId', 'originalStartTime', 'recurrence'] as const) {
      if (resource[key] === undefined) delete resource[key];
    }
    return resource;
  }
}

function keepIdentity(current: EventResource): Partial<EventResource> {
  return { recurringEventId: current.recurringEventId, originalStartTime: current.originalStartTime };
}

function checkEtag(resource: EventResource, ifMatch: string | undefined): void {
  if (ifMatch === undefined || ifMatch === '*') return;
  if (ifMatch !== resource.etag) throw errors.conditionNotMet();
}
