import type { calendar_v3 } from '@googleapis/calendar';
import { DateTime } from 'luxon';
import type { LanguageCode } from '../../shared/assistant/intent-schema.ts';
import type { ChatResult, EventPreview, ProposalOption } from '../../shared/schemas/chat.ts';
import { ApiError, apiErrors } from '../api-error.ts';
import type { Db } from '../db/database.ts';
import { findProposal, lastConfirmedProposal, transitionProposal, type ChatProposalRow } from '../db/repositories/chat.ts';
import type { User } from '../db/repositories/users.ts';
import type { CalendarGateway } from '../google/calendar-gateway.ts';
import { fromGoogleEvent } from '../google/event-mapping.ts';
import { eventIdForKey } from '../idempotency.ts';
import { describeEvent, phrasesFor } from './phrases.ts';

export const UNDO_WINDOW_MS = 10 * 60_000;

type GoogleEvent = calendar_v3.Schema$Event;

/** What confirming did, kept with the proposal: enough to answer a repeated confirm and to undo. */
interface Written {
  action: 'create' | 'modify' | 'cancel';
  scope?: 'instance' | 'following' | 'series';
  calendarId: string;
  eventId: string;
  /** The fields as they were before a change (modify), or the series' rule before it was cut (following). */
  previous?: GoogleEvent;
  /** For "this and following": the new series that took over. */
  newSeriesId?: string;
  event?: GoogleEvent;
  reply: string;
}

/**
 * Carries out a confirmed proposal through the Calendar proxy, exactly once
 * however often it is confirmed (ids derived from the proposal; a second
 * confirm gets the stored answer), and undoes it within ten minutes.
 */
export class ProposalExecutor {
  constructor(
    private readonly db: Db,
    private readonly calendar: CalendarGateway,
    private readonly now: () => number,
  ) {}

  async confirm(user: User, proposalId: string, optionId: string): Promise<ChatResult> {
    const row = await findProposal(this.db, user.id, proposalId, this.now());
    if (!row) throw apiErrors.notFound('No such proposal (it may have expired).');
    if (row.status === 'confirmed') return this.replay(row);
    if (row.status !== 'pending') throw new ApiError(409, 'conflict', `This proposal was already ${row.status}.`);
    const option = (JSON.parse(row.options) as ProposalOption[]).find((o) => o.id === optionId);
    if (!option) throw apiErrors.invalid('optionId', 'No such option on this proposal.');
    let written: Written;
    try {
      written = await this.execute(user, row, option);
    } catch (error) {
      // The event changed in Google after we proposed: mark the proposal stale rather than overwrite the change.
      if (error instanceof ApiError && error.code === 'conflict' && option.targetEtag) {
        await transitionProposal(this.db, user.id, row.id, 'pending', 'stale');
        throw new ApiError(409, 'conflict', 'The event changed since this was proposed. Ask again to see it as it is now.', { ...(error.extra.current ? { current: error.extra.current } : {}) });
      }
      throw error;
    }
    const moved = await transitionProposal(this.db, user.id, row.id, 'pending', 'confirmed', { result: JSON.stringify(written), confirmed_at: this.now() });
    if (!moved) {
      const again = await findProposal(this.db, user.id, proposalId, this.now());
      if (again?.status === 'confirmed') return this.replay(again);
    }
    return this.resultOf(row.id, written, this.now());
  }

  async undo(user: User, proposalId?: string): Promise<ChatResult> {
    const since = this.now() - UNDO_WINDOW_MS;
    const row = proposalId ? await findProposal(this.db, user.id, proposalId, this.now()) : await lastConfirmedProposal(this.db, user.id, since);
    const p = phrasesFor((row?.language ?? 'en') as LanguageCode);
    if (!row || row.status !== 'confirmed' || !row.result) throw new ApiError(404, 'not_found', p.nothingToUndo);
    if ((row.confirmed_at ?? 0) < since) throw new ApiError(409, 'conflict', 'Too late to undo: changes can be undone for ten minutes.');
    const w = JSON.parse(row.result) as Written;
    await this.revert(user, w);
    await transitionProposal(this.db, user.id, row.id, 'confirmed', 'undone');
    return { reply: p.undone, proposalId: row.id, status: 'undone' };
  }

  private async execute(user: User, row: ChatProposalRow, option: ProposalOption): Promise<Written> {
    const p = phrasesFor(row.language as LanguageCode);
    const said = describeEvent(option.event, row.language as LanguageCode);
    const calendarId = option.event.calendarId;
    if (option.action === 'create') {
      const event = await this.calendar.insertEvent(user.id, calendarId, eventIdForKey(user.id, `chat:${row.id}`), toGoogle(option.event));
      return { action: 'create', calendarId, eventId: event.id!, event, reply: p.created(said) };
    }
    const target = option.targetEventId!;
    const instance = await this.calendar.getEvent(user.id, calendarId, target);
    if (option.targetEtag && instance.etag && instance.etag !== option.targetEtag) throw apiErrors.conflict(instance);
    const parentId = instance.recurringEventId ?? null;
    // For a single event or occurrence, Google itself checks the version too (If-Match), closing the gap to the write.
    const ifMatch = option.targetEtag;
    if (option.action === 'cancel') {
      if (option.scope === 'series' && parentId) {
        await this.calendar.deleteEvent(user.id, calendarId, parentId);
        return { action: 'cancel', scope: 'series', calendarId, eventId: parentId, reply: p.cancelled(said) };
      }
      if (option.scope === 'following' && parentId) {
        const parent = await this.calendar.getEvent(user.id, calendarId, parentId);
        await this.calendar.patchEvent(user.id, calendarId, parentId, { recurrence: endSeriesBefore(parent, instance) });
        return { action: 'cancel', scope: 'following', calendarId, eventId: parentId, previous: { recurrence: parent.recurrence ?? [] }, reply: p.cancelled(said) };
      }
      await this.calendar.deleteEvent(user.id, calendarId, target, ifMatch);
      return { action: 'cancel', ...(parentId ? { scope: 'instance' as const } : {}), calendarId, eventId: target, reply: p.cancelled(said) };
    }
    // modify
    if (option.scope === 'series' && parentId) {
      const parent = await this.calendar.getEvent(user.id, calendarId, parentId);
      const event = await this.calendar.patchEvent(user.id, calendarId, parentId, shiftSeries(parent, instance, option.event));
      return { action: 'modify', scope: 'series', calendarId, eventId: parentId, previous: snapshot(parent), event, reply: p.modified(said) };
    }
    if (option.scope === 'following' && parentId) {
      const parent = await this.calendar.getEvent(user.id, calendarId, parentId);
      await this.calendar.patchEvent(user.id, calendarId, parentId, { recurrence: endSeriesBefore(parent, instance) });
      const tail = await this.calendar.insertEvent(user.id, calendarId, eventIdForKey(user.id, `chat:${row.id}:following`), { ...toGoogle(option.event), recurrence: continuingRule(parent) });
      return { action: 'modify', scope: 'following', calendarId, eventId: parentId, previous: { recurrence: parent.recurrence ?? [] }, newSeriesId: tail.id!, event: tail, reply: p.modified(said) };
    }
    const event = await this.calendar.patchEvent(user.id, calendarId, target, changedFields(option.event), ifMatch);
    return { action: 'modify', ...(parentId ? { scope: 'instance' as const } : {}), calendarId, eventId: target, previous: snapshot(instance), event, reply: p.modified(said) };
  }

  private async revert(user: User, w: Written): Promise<void> {
    if (w.action === 'create') return this.calendar.deleteEvent(user.id, w.calendarId, w.eventId);
    if (w.scope === 'following') {
      await this.calendar.patchEvent(user.id, w.calendarId, w.eventId, { recurrence: w.previous?.recurrence ?? [] });
      if (w.newSeriesId) await this.calendar.deleteEvent(user.id, w.calendarId, w.newSeriesId);
      return;
    }
    if (w.action === 'cancel') {
      // Google keeps a deleted event's id: setting it back to confirmed restores it, with its history.
      await this.calendar.patchEvent(user.id, w.calendarId, w.eventId, { status: 'confirmed' });
      return;
    }
    await this.calendar.patchEvent(user.id, w.calendarId, w.eventId, w.previous ?? {});
  }

  private replay(row: ChatProposalRow): ChatResult {
    return this.resultOf(row.id, JSON.parse(row.result!) as Written, row.confirmed_at ?? this.now());
  }

  private resultOf(id: string, w: Written, confirmedAt: number): ChatResult {
    const zone = w.event?.start?.timeZone ?? 'UTC';
    return {
      reply: w.reply,
      proposalId: id,
      status: 'confirmed',
      ...(w.event && w.event.status !== 'cancelled' ? { event: fromGoogleEvent(w.event, w.calendarId, zone) } : {}),
      undoUntil: new Date(confirmedAt + UNDO_WINDOW_MS).toISOString(),
    };
  }
}

function toGoogle(e: EventPreview): GoogleEvent {
  return {
    summary: e.title,
    ...(e.allDay ? { start: { date: e.startDate! }, end: { date: e.endDate! } } : { start: { dateTime: e.start!, timeZone: e.timeZone }, end: { dateTime: e.end!, timeZone: e.timeZone } }),
    ...(e.attendees.length ? { attendees: e.attendees.map((email) => ({ email })) } : {}),
    ...(e.location ? { location: e.location } : {}),
    ...(e.recurrence.length ? { recurrence: e.recurrence } : {}),
  };
}

function changedFields(e: EventPreview): GoogleEvent {
  const { recurrence: _r, ...rest } = toGoogle(e);
  return { ...rest, attendees: e.attendees.map((email) => ({ email })), location: e.location ?? null };
}

function snapshot(e: GoogleEvent): GoogleEvent {
  return { summary: e.summary ?? null, start: e.start ?? null, end: e.end ?? null, attendees: e.attendees ?? [], location: e.location ?? null } as GoogleEvent;
}

/** "All events": the series moves by as much as this occurrence moves, keeping its own zone. */
function shiftSeries(parent: GoogleEvent, instance: GoogleEvent, after: EventPreview): GoogleEvent {
  const body = changedFields(after);
  if (after.allDay || !parent.start?.dateTime || !instance.start?.dateTime || !after.start || !after.end) return { ...body, start: undefined, end: undefined };
  const zone = parent.start.timeZone ?? after.timeZone;
  const delta = Date.parse(after.start) - Date.parse(instance.start.dateTime);
  const length = Date.parse(after.end) - Date.parse(after.start);
  const start = DateTime.fromISO(parent.start.dateTime, { zone }).plus({ milliseconds: delta });
  return { ...body, start: { dateTime: start.toISO({ suppressMilliseconds: true })!, timeZone: zone }, end: { dateTime: start.plus({ milliseconds: length }).toISO({ suppressMilliseconds: true })!, timeZone: zone } };
}

/** The series' rule, ended just before this occurrence ("this and following" starts a new series there). */
function endSeriesBefore(parent: GoogleEvent, instance: GoogleEvent): string[] {
  const original = instance.originalStartTime?.dateTime ?? instance.start?.dateTime;
  const originalDate = instance.originalStartTime?.date ?? instance.start?.date;
  const until = original
    ? DateTime.fromISO(original).toUTC().minus({ seconds: 1 }).toFormat("yyyyMMdd'T'HHmmss'Z'")
    : DateTime.fromISO(originalDate!).minus({ days: 1 }).toFormat('yyyyMMdd');
  return (parent.recurrence ?? []).map((line) => (line.startsWith('RRULE:') ? `RRULE:${stripEnd(line.slice(6))};UNTIL=${until}` : line));
}

/** The rule the new series carries on with: the same pattern, without the old COUNT (the cut changed what it counted). */
function continuingRule(parent: GoogleEvent): string[] {
  return (parent.recurrence ?? []).filter((l) => l.startsWith('RRULE:')).map((line) => {
    const until = /UNTIL=[^;]+/.exec(line)?.[0];
    return `RRULE:${stripEnd(line.slice(6))}${until ? `;${until}` : ''}`;
  });
}

function stripEnd(rule: string): string {
  return rule
    .split(';')
    .filter((p) => !/^(COUNT|UNTIL)=/.test(p))
    .join(';');
}
