import { randomUUID } from 'node:crypto';
import { DateTime } from 'luxon';
import { candidateSlots, freeSlots, type Interval } from '../../shared/availability/free-slots.ts';
import { defaultModel } from '../../shared/assistant/default-model.ts';
import type { Intent, LanguageCode } from '../../shared/assistant/intent-schema.ts';
import { DEFAULT_EVENT_MINUTES, parseCommand } from '../../shared/assistant/parse-command.ts';
import type { CalendarEvent } from '../../shared/schemas/calendar-event.ts';
import type { ChatReply, EventPreview, ProposalOption } from '../../shared/schemas/chat.ts';
import type { Db } from '../db/database.ts';
import { lastConfirmedProposal, saveChatState, saveProposal, takeChatState } from '../db/repositories/chat.ts';
import type { User } from '../db/repositories/users.ts';
import type { CalendarGateway } from '../google/calendar-gateway.ts';
import { fromGoogleEvent } from '../google/event-mapping.ts';
import { findTargetEvents } from './find-target-events.ts';
import { describeEvent, describeRange, phrasesFor } from './phrases.ts';

export const PROPOSAL_TTL_MS = 24 * 3_600_000;
const WORK = { start: '09:00', end: '17:00', days: [1, 2, 3, 4, 5, 6, 7] };
const MAX_OPTIONS = 3;

export interface IntentSource {
  /** Turns a message into an intent: the LLM when configured, the local parser otherwise. */
  parse(text: string, context: { now: Date; timeZone: string; user: User }): Promise<Intent>;
}

export const localIntentSource: IntentSource = {
  parse: async (text, { now, timeZone }) => parseCommand(text, { now, timeZone, model: defaultModel() }),
};

/**
 * A message in, a reply out: an answer (free time, events) or a proposal to
 * confirm. Nothing is written to the calendar here; confirming does that.
 */
export class ChatService {
  constructor(
    private readonly db: Db,
    private readonly calendar: CalendarGateway,
    private readonly intents: IntentSource,
    private readonly now: () => number,
  ) {}

  async message(user: User, text: string, timeZone?: string): Promise<ChatReply> {
    const zone = timeZone ?? user.time_zone ?? 'UTC';
    const now = this.now();
    let intent = await this.intents.parse(text, { now: new Date(now), timeZone: zone, user });
    const pending = await takeChatState(this.db, user.id, now);
    // An answer to "when should it be?" completes the pending event rather than starting anew.
    if (pending?.awaiting === 'time' && (intent.intent === 'create_event' || intent.intent === 'unknown' || intent.intent === 'list_events') && timeIn(intent)) {
      const before = JSON.parse(pending.intent) as Intent;
      intent = { ...before, event: { ...before.event!, ...pickTimes(intent) }, ...(intent.range ? { range: intent.range } : {}), evidence: [...before.evidence] };
    }
    const p = phrasesFor(intent.language);
    switch (intent.intent) {
      case 'create_event':
        return this.proposeCreate(user, text, intent, zone);
      case 'modify_event':
      case 'cancel_event':
        return this.proposeChange(user, text, intent, zone);
      case 'show_availability':
        return this.answerAvailability(user, intent, zone);
      case 'list_events':
        return this.answerList(user, intent, zone);
      default:
        return { reply: p.notUnderstood, language: intent.language, intent };
    }
  }

  private async proposeCreate(user: User, text: string, intent: Intent, zone: string): Promise<ChatReply> {
    const p = phrasesFor(intent.language);
    const e = intent.event!;
    const base: EventPreview = {
      calendarId: 'primary',
      title: e.title ?? p.untitled,
      allDay: e.allDay,
      timeZone: zone,
      attendees: e.attendees,
      ...(e.location ? { location: e.location } : {}),
      recurrence: e.recurrence,
    };
    if (e.start && e.end) {
      const event = { ...base, start: e.start, end: e.end };
      return this.propose(user, text, intent, 'confirm', [{ id: '0', label: describeEvent(event, intent.language), action: 'create', event }], p.create(describeEvent(event, intent.language)));
    }
    if (e.allDay && e.startDate && e.endDate) {
      const event = { ...base, startDate: e.startDate, endDate: e.endDate };
      return this.propose(user, text, intent, 'confirm', [{ id: '0', label: describeEvent(event, intent.language), action: 'create', event }], p.create(describeEvent(event, intent.language)));
    }
    if (intent.range) {
      const minutes = intent.durationMinutes ?? DEFAULT_EVENT_MINUTES;
      const free = await this.free(user, intent.range, minutes, zone);
      const slots = candidateSlots(free, minutes, MAX_OPTIONS);
      if (slots.length === 0) return { reply: p.noFreeTime, language: intent.language, intent };
      const options: ProposalOption[] = slots.map((s, i) => {
        const event = { ...base, start: iso(s.start, zone), end: iso(s.end, zone) };
        return { id: String(i), label: describeEvent(event, intent.language), action: 'create' as const, event };
      });
      return this.propose(user, text, intent, 'confirm', options, p.createOptions(base.title));
    }
    await saveChatState(this.db, { user_id: user.id, awaiting: 'time', intent: JSON.stringify(intent), message: text, expires_at: this.now() + PROPOSAL_TTL_MS });
    return { reply: p.askTime(base.title), language: intent.language, intent, awaiting: 'time' };
  }

  private async proposeChange(user: User, text: string, intent: Intent, zone: string): Promise<ChatReply> {
    const p = phrasesFor(intent.language);
    const candidates = await this.targets(user, intent, zone);
    if (candidates.length === 0) return { reply: p.notFound(intent.target?.query ?? ''), language: intent.language, intent };
    const scope = intent.changes?.scope;
    const optionsFor = (event: CalendarEvent, s: 'instance' | 'following' | 'series' | undefined): ProposalOption => {
      const after = intent.intent === 'cancel_event' ? previewOf(event, zone) : applyChanges(event, intent, zone);
      return { id: '', label: describeEvent(after, intent.language), action: intent.intent === 'cancel_event' ? 'cancel' : 'modify', event: after, targetEventId: event.id, ...(event.etag ? { targetEtag: event.etag } : {}), ...(s ? { scope: s } : {}) };
    };
    // "cancel all future standups": several occurrences of one series and a scope that covers them all → the next one.
    const oneSeries = candidates.every((e) => e.recurringEventId && e.recurringEventId === candidates[0]!.recurringEventId);
    if (candidates.length > 1 && oneSeries && (scope === 'following' || scope === 'series')) {
      const upcoming = [...candidates].sort((a, b) => Date.parse(a.start) - Date.parse(b.start)).find((e) => Date.parse(e.start) >= this.now()) ?? candidates[0]!;
      candidates.splice(0, candidates.length, upcoming);
    }
    if (candidates.length > 1) {
      const options = candidates.slice(0, 8).map((e, i) => ({ ...optionsFor(e, e.recurringEventId ? (scope ?? 'instance') : undefined), id: String(i), label: describeEvent(previewOf(e, zone), intent.language) }));
      return this.propose(user, text, intent, 'choose_event', options, p.chooseEvent(candidates.length));
    }
    const event = candidates[0]!;
    if (event.recurringEventId && !scope) {
      const options = (['instance', 'following', 'series'] as const).map((s, i) => ({ ...optionsFor(event, s), id: String(i), label: p.scopeLabel[s] }));
      return this.propose(user, text, intent, 'choose_scope', options, p.chooseScope(event.title));
    }
    const option = { ...optionsFor(event, event.recurringEventId ? scope : undefined), id: '0' };
    const sentence = intent.intent === 'cancel_event' ? p.cancel(describeEvent(option.event, intent.language)) : p.modify(describeEvent(option.event, intent.language));
    return this.propose(user, text, intent, 'confirm', [option], sentence);
  }

  private async answerAvailability(user: User, intent: Intent, zone: string): Promise<ChatReply> {
    const p = phrasesFor(intent.language);
    const minutes = intent.durationMinutes ?? 30;
    const free = await this.free(user, intent.range!, minutes, zone);
    const rendered = free.map((f) => ({ start: iso(f.start, zone), end: iso(f.end, zone) }));
    const list = rendered.slice(0, 6).map((f) => describeRange(f.start, f.end, zone, intent.language)).join(', ');
    return { reply: free.length ? p.free(list) : p.nothingFree, language: intent.language, intent, free: rendered };
  }

  private async answerList(user: User, intent: Intent, zone: string): Promise<ChatReply> {
    const p = phrasesFor(intent.language);
    const { items, timeZone } = await this.calendar.listEvents(user.id, { calendarId: 'primary', from: intent.range!.start, to: intent.range!.end });
    let events = items.filter((e) => e.status !== 'cancelled').map((e) => fromGoogleEvent(e, 'primary', timeZone));
    if (intent.query) {
      const matching = findTargetEvents(events, { query: intent.query });
      if (matching.length) events = matching;
    }
    const list = events.slice(0, 8).map((e) => describeEvent(previewOf(e, zone), intent.language)).join(', ');
    return { reply: events.length ? p.events(events.length, list) : p.noEvents, language: intent.language, intent, events };
  }

  /** The events a change means: in the window the message names, else around now; "it" is the last event confirmed. */
  private async targets(user: User, intent: Intent, zone: string): Promise<CalendarEvent[]> {
    const t = intent.target ?? {};
    const now = DateTime.fromMillis(this.now(), { zone });
    if (!t.query && !t.start && !t.range) {
      const last = await lastConfirmedProposal(this.db, user.id, this.now() - PROPOSAL_TTL_MS);
      const result = last?.result ? (JSON.parse(last.result) as { eventId?: string; calendarId?: string }) : null;
      if (result?.eventId) {
        const event = await this.calendar.getEvent(user.id, result.calendarId ?? 'primary', result.eventId).catch(() => null);
        if (event && event.status !== 'cancelled') return [fromGoogleEvent(event, result.calendarId ?? 'primary', await this.calendar.calendarTimeZone(user.id, 'primary'))];
      }
      return [];
    }
    const from = t.range?.start ?? (t.start ? DateTime.fromISO(t.start).minus({ minutes: 1 }).toISO()! : now.minus({ days: 1 }).toISO()!);
    const to = t.range?.end ?? (t.start ? DateTime.fromISO(t.start).plus({ minutes: 1 }).toISO()! : now.plus({ days: 30 }).toISO()!);
    const { items, timeZone } = await this.calendar.listEvents(user.id, { calendarId: 'primary', from, to });
    const events = items.map((e) => fromGoogleEvent(e, 'primary', timeZone));
    // Nearest first: "cancel standup" means the next one, not one in three weeks.
    return findTargetEvents(events, t).sort((a, b) => Math.abs(Date.parse(a.start) - now.toMillis()) - Math.abs(Date.parse(b.start) - now.toMillis()));
  }

  private async free(user: User, range: { start: string; end: string }, minutes: number, zone: string): Promise<Interval[]> {
    const from = Math.max(Date.parse(range.start), this.now());
    const to = Date.parse(range.end);
    if (to <= from) return [];
    const calendars = await this.calendar.freeBusy(user.id, { from: new Date(from).toISOString(), to: new Date(to).toISOString(), calendarIds: ['primary'] });
    const busy = (calendars.primary?.busy ?? []).map((b) => ({ start: Date.parse(b.start!), end: Date.parse(b.end!) }));
    // A window the user named by its hours ("Thursday afternoon") is the working time itself; a whole day is cut to 09–17.
    const rangeStart = DateTime.fromMillis(Date.parse(range.start), { zone });
    const rangeEnd = DateTime.fromMillis(to, { zone });
    const namedHours = rangeEnd.diff(rangeStart, 'hours').hours < 24 && !(rangeStart.hour === 0 && rangeEnd.hour === 0);
    return freeSlots({ from, to, busy, durationMinutes: minutes, timeZone: zone, ...(namedHours ? {} : { workingHours: WORK }) });
  }

  private async propose(user: User, text: string, intent: Intent, kind: 'confirm' | 'choose_event' | 'choose_scope', options: ProposalOption[], reply: string): Promise<ChatReply> {
    const now = this.now();
    const id = proposalId(now);
    await saveProposal(this.db, {
      id,
      user_id: user.id,
      status: 'pending',
      language: intent.language,
      message: text,
      intent: JSON.stringify(intent),
      options: JSON.stringify(options),
      result: null,
      created_at: now,
      confirmed_at: null,
      expires_at: now + PROPOSAL_TTL_MS,
    });
    return { reply, language: intent.language as LanguageCode, intent, proposal: { id, kind, options, expiresAt: new Date(now + PROPOSAL_TTL_MS).toISOString() } };
  }
}

let sequence = 0;
/** Ids that sort by creation (time, then a counter), so "the last one" is well defined even within a millisecond. */
function proposalId(now: number): string {
  sequence = (sequence + 1) % 1_679_616;
  return `${now.toString(36).padStart(9, '0')}${sequence.toString(36).padStart(4, '0')}${randomUUID().slice(0, 8)}`;
}

function timeIn(intent: Intent): boolean {
  return Boolean(intent.event?.start || intent.event?.startDate || intent.range);
}

function pickTimes(intent: Intent): Partial<NonNullable<Intent['event']>> {
  const e = intent.event;
  if (!e) return {};
  return { start: e.start, end: e.end, allDay: e.allDay, startDate: e.startDate, endDate: e.endDate };
}

export function previewOf(e: CalendarEvent, zone: string): EventPreview {
  return {
    calendarId: e.calendarId,
    title: e.title,
    ...(e.allDay ? { startDate: e.startDate, endDate: e.endDate } : { start: iso(Date.parse(e.start), zone), end: iso(Date.parse(e.end), zone) }),
    allDay: e.allDay,
    timeZone: zone,
    attendees: e.attendees.filter((a) => !a.self).map((a) => a.email),
    ...(e.location ? { location: e.location } : {}),
    recurrence: e.recurrence ?? [],
  };
}

/** The event as it will be after the change: new time (moved, shifted, a new day at the same time), length, title, guests. */
export function applyChanges(e: CalendarEvent, intent: Intent, zone: string): EventPreview {
  const c = intent.changes ?? {};
  const preview = previewOf(e, zone);
  const start = DateTime.fromISO(e.start, { zone });
  const end = DateTime.fromISO(e.end, { zone });
  const length = c.durationMinutes ?? end.diff(start, 'minutes').minutes;
  let newStart = start;
  if (c.start) newStart = DateTime.fromISO(c.start, { zone });
  else if (c.date) newStart = DateTime.fromISO(c.date, { zone }).set({ hour: start.hour, minute: start.minute });
  if (c.time) {
    const [hour, minute] = c.time.split(':').map(Number);
    newStart = newStart.set({ hour: hour!, minute: minute! });
  }
  if (c.shiftMinutes) newStart = newStart.plus({ minutes: c.shiftMinutes });
  if (!e.allDay) {
    preview.start = newStart.toISO({ suppressMilliseconds: true })!;
    preview.end = (c.end ? DateTime.fromISO(c.end, { zone }) : newStart.plus({ minutes: length })).toISO({ suppressMilliseconds: true })!;
  }
  if (c.title) preview.title = c.title;
  if (c.addAttendees) preview.attendees = [...new Set([...preview.attendees, ...c.addAttendees])];
  if (c.removeAttendees) preview.attendees = preview.attendees.filter((a) => !c.removeAttendees!.some((r) => a.includes(r.toLowerCase())));
  if (c.location) preview.location = c.location;
  return preview;
}

function iso(ms: number, zone: string): string {
  return DateTime.fromMillis(ms, { zone }).toISO({ suppressMilliseconds: true })!;
}
