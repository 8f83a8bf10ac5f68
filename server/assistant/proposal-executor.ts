import { randomUUID } from 'node:crypto';
import type { calendar_v3 } from '@googleapis/calendar';
import type { LanguageCode } from '../../shared/assistant/intent-schema.ts';
import type { ChatResult, ProposalOption } from '../../shared/schemas/chat.ts';
import { ApiError, apiErrors } from '../api-error.ts';
import type { Db } from '../db/database.ts';
import { findProposal, lastConfirmedProposal, transitionProposal, type ChatProposalRow } from '../db/repositories/chat.ts';
import type { User } from '../db/repositories/users.ts';
import { findWriteRetry, findWriteRetryForProposal, insertWriteRetry, recordWriteAttempt, reviveWriteRetry, type WriteRetryRow } from '../db/repositories/write-retries.ts';
import type { CalendarGateway } from '../google/calendar-gateway.ts';
import { fromGoogleEvent } from '../google/event-mapping.ts';
import { eventIdForKey } from '../idempotency.ts';
import { changedFields, continuingRule, endSeriesBefore, shiftSeries, snapshot, toGoogle } from './google-event-bodies.ts';
import { describeEvent, phrasesFor } from './phrases.ts';
import { DEFAULT_WRITE_RETRY_POLICY, writeRetryDelayMs, type WriteRetryPolicy } from './write-retry-policy.ts';

export const UNDO_WINDOW_MS = 10 * 60_000;

export interface SettledEvent {
  userId: string;
  proposalId: string;
  outcome: 'confirmed' | 'failed' | 'stale';
  result?: ChatResult;
  reply?: string;
  error?: string;
}
export type SettledListener = (event: SettledEvent) => void;

/** Google refuses for now (unavailable, rate limited, daily quota): worth trying again later, not now. */
function isRetryLater(error: unknown): error is ApiError {
  return error instanceof ApiError && (error.code === 'upstream_unavailable' || error.code === 'quota_exceeded' || error.code === 'rate_limited');
}

/** How long Google asked us to wait (Retry-After, carried on our error), or 0. */
function retryAfterMsOf(error: unknown): number {
  return error instanceof ApiError && error.extra.retryAfterSeconds ? error.extra.retryAfterSeconds * 1000 : 0;
}

function isStale(error: unknown, option: ProposalOption): error is ApiError {
  return error instanceof ApiError && error.code === 'conflict' && Boolean(option.targetEtag);
}

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
  private readonly settledListeners = new Set<SettledListener>();

  constructor(
    private readonly db: Db,
    private readonly calendar: CalendarGateway,
    private readonly now: () => number,
    private readonly retries: WriteRetryPolicy = DEFAULT_WRITE_RETRY_POLICY,
    private readonly random: () => number = Math.random,
  ) {}

  async confirm(user: User, proposalId: string, optionId: string): Promise<ChatResult> {
    const row = await findProposal(this.db, user.id, proposalId, this.now());
    if (!row) throw apiErrors.notFound('No such proposal (it may have expired).');
    if (row.status === 'confirmed') return this.replay(row);
    if (row.status === 'queued' || row.status === 'failed') return this.retryState(row);
    if (row.status !== 'pending') throw new ApiError(409, 'conflict', `This proposal was already ${row.status}.`);
    const option = (JSON.parse(row.options) as ProposalOption[]).find((o) => o.id === optionId);
    if (!option) throw apiErrors.invalid('optionId', 'No such option on this proposal.');
    let written: Written;
    try {
      written = await this.execute(user.id, row, option);
    } catch (error) {
      // The event changed in Google after we proposed: mark the proposal stale rather than overwrite the change.
      if (isStale(error, option)) {
        await transitionProposal(this.db, user.id, row.id, 'pending', 'stale');
        throw new ApiError(409, 'conflict', 'The event changed since this was proposed. Ask again to see it as it is now.', { ...(error.extra.current ? { current: error.extra.current } : {}) });
      }
      // Google refuses for now, after the retries a request can wait for: the companion keeps trying in the background.
      if (isRetryLater(error) && (await this.queueRetry(user.id, row, option, error))) {
        return this.retryState((await findProposal(this.db, user.id, row.id, this.now()))!);
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

  /** How long the retry-writes job holds a write it tries. */
  get retryLeaseMs(): number {
    return this.retries.leaseMs ?? DEFAULT_WRITE_RETRY_POLICY.leaseMs!;
  }

  /** Tells `listener` how each write that was queued for retry ended (the Telegram bridge tells its user). */
  onSettled(listener: SettledListener): () => void {
    this.settledListeners.add(listener);
    return () => this.settledListeners.delete(listener);
  }

  /**
   * One more try of a queued write (the retry-writes job calls this with a row it holds the lease on).
   * Succeeds → confirmed; refused for now → tried again later, with backoff; refused for good, or too
   * many tries → a dead letter the user sees, and the proposal failed (or stale, when the event changed).
   */
  async retryQueued(retry: WriteRetryRow): Promise<'done' | 'later' | 'dead'> {
    const now = this.now();
    const userId = retry.user_id;
    const lease = retry.lease_until;
    const row = await findProposal(this.db, userId, retry.proposal_id, now);
    // Written already by a try whose outcome did not get recorded (its lease lapsed and it was taken over).
    if (row?.status === 'confirmed') {
      await recordWriteAttempt(this.db, userId, retry.id, { status: 'done', attempts: retry.attempts, nextAttemptAt: now, lastError: null }, now, lease);
      return 'done';
    }
    const option = row && (JSON.parse(row.options) as ProposalOption[]).find((o) => o.id === retry.option_id);
    if (!row || row.status !== 'queued' || !option) {
      await recordWriteAttempt(this.db, userId, retry.id, { status: 'dead', attempts: retry.attempts, nextAttemptAt: now, lastError: 'expired' }, now, lease);
      return 'dead';
    }
    const attempts = retry.attempts + 1;
    try {
      const written = await this.execute(userId, row, option);
      const moved = await transitionProposal(this.db, userId, row.id, 'queued', 'confirmed', { result: JSON.stringify(written), confirmed_at: this.now() });
      await recordWriteAttempt(this.db, userId, retry.id, { status: 'done', attempts, nextAttemptAt: now, lastError: null }, this.now(), lease);
      // Told once, by the try that moved the proposal (two may have run if a lease lapsed mid-try).
      if (moved) this.notify({ userId, proposalId: row.id, outcome: 'confirmed', result: this.resultOf(row.id, written, this.now()) });
      return 'done';
    } catch (error) {
      const code = error instanceof ApiError ? error.code : 'internal';
      const later = isRetryLater(error) || !(error instanceof ApiError);
      if (later && attempts < this.retries.maxAttempts) {
        const wait = writeRetryDelayMs(attempts, retryAfterMsOf(error), this.retries, this.random);
        await recordWriteAttempt(this.db, userId, retry.id, { status: 'pending', attempts, nextAttemptAt: now + wait, lastError: code }, now, lease);
        return 'later';
      }
      const stale = isStale(error, option);
      const moved = await transitionProposal(this.db, userId, row.id, 'queued', stale ? 'stale' : 'failed');
      await recordWriteAttempt(this.db, userId, retry.id, { status: 'dead', attempts, nextAttemptAt: now, lastError: stale ? 'conflict' : code }, now, lease);
      if (moved) this.notify({ userId, proposalId: row.id, outcome: stale ? 'stale' : 'failed', reply: phrasesFor(row.language as LanguageCode).writeFailed(retry.label), error: stale ? 'conflict' : code });
      return 'dead';
    }
  }

  /** The user asks to try a dead letter again: the proposal is queued anew and tried at the next sweep. */
  async reviveRetry(userId: string, retryId: string): Promise<boolean> {
    const retry = await findWriteRetry(this.db, userId, retryId);
    if (!retry || retry.status !== 'dead') return false;
    const row = await findProposal(this.db, userId, retry.proposal_id, this.now());
    if (!row || row.status !== 'failed') return false;
    // Both or neither, as when it was first queued.
    return this.db.transaction().execute(async (tx) => {
      if (!(await transitionProposal(tx, userId, row.id, 'failed', 'queued'))) return false;
      if (await reviveWriteRetry(tx, userId, retryId, this.now())) return true;
      throw new ApiError(409, 'conflict', 'This write changed meanwhile.'); // rolls the proposal back to failed
    });
  }

  /**
   * Marks the proposal queued and files its retry, both or neither: a crash between the two would leave a
   * confirm answered 202 that nobody ever tries again. False when another confirm moved the proposal first.
   */
  private async queueRetry(userId: string, row: ChatProposalRow, option: ProposalOption, error: unknown): Promise<boolean> {
    const now = this.now();
    return this.db.transaction().execute(async (tx) => {
      if (!(await transitionProposal(tx, userId, row.id, 'pending', 'queued'))) return false;
      await insertWriteRetry(tx, {
        id: randomUUID(),
        user_id: userId,
        proposal_id: row.id,
        option_id: option.id,
        label: describeEvent(option.event, row.language as LanguageCode),
        status: 'pending',
        attempts: 1,
        next_attempt_at: now + writeRetryDelayMs(1, retryAfterMsOf(error), this.retries, this.random),
        lease_until: null,
        last_error: error instanceof ApiError ? error.code : 'internal',
        created_at: now,
        updated_at: now,
      });
      return true;
    });
  }

  /** What a confirm of a queued or failed proposal answers: where its retries stand. */
  private async retryState(row: ChatProposalRow): Promise<ChatResult> {
    const retry = await findWriteRetryForProposal(this.db, row.user_id, row.id);
    const p = phrasesFor(row.language as LanguageCode);
    const label = retry?.label ?? '';
    return {
      reply: row.status === 'queued' ? p.queued(label) : p.writeFailed(label),
      proposalId: row.id,
      status: row.status === 'queued' ? 'queued' : 'failed',
      ...(retry ? { retry: { id: retry.id, attempts: retry.attempts, nextAttemptAt: new Date(retry.next_attempt_at).toISOString(), ...(retry.last_error ? { lastError: retry.last_error } : {}) } } : {}),
    };
  }

  private notify(event: SettledEvent): void {
    for (const listener of this.settledListeners) {
      try {
        listener(event);
      } catch {
        // A listener's trouble (a chat we cannot reach) is not the write's.
      }
    }
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

  private async execute(userId: string, row: ChatProposalRow, option: ProposalOption): Promise<Written> {
    const p = phrasesFor(row.language as LanguageCode);
    const said = describeEvent(option.event, row.language as LanguageCode);
    const calendarId = option.event.calendarId;
    if (option.action === 'create') {
      const event = await this.calendar.insertEvent(userId, calendarId, eventIdForKey(userId, `chat:${row.id}`), toGoogle(option.event));
      return { action: 'create', calendarId, eventId: event.id!, event, reply: p.created(said) };
    }
    const target = option.targetEventId!;
    const instance = await this.calendar.getEvent(userId, calendarId, target);
    if (option.targetEtag && instance.etag && instance.etag !== option.targetEtag) throw apiErrors.conflict(instance);
    const parentId = instance.recurringEventId ?? null;
    // For a single event or occurrence, Google itself checks the version too (If-Match), closing the gap to the write.
    const ifMatch = option.targetEtag;
    if (option.action === 'cancel') {
      if (option.scope === 'series' && parentId) {
        await this.calendar.deleteEvent(userId, calendarId, parentId);
        return { action: 'cancel', scope: 'series', calendarId, eventId: parentId, reply: p.cancelled(said) };
      }
      if (option.scope === 'following' && parentId) {
        const parent = await this.calendar.getEvent(userId, calendarId, parentId);
        await this.calendar.patchEvent(userId, calendarId, parentId, { recurrence: endSeriesBefore(parent, instance) });
        return { action: 'cancel', scope: 'following', calendarId, eventId: parentId, previous: { recurrence: parent.recurrence ?? [] }, reply: p.cancelled(said) };
      }
      await this.calendar.deleteEvent(userId, calendarId, target, ifMatch);
      return { action: 'cancel', ...(parentId ? { scope: 'instance' as const } : {}), calendarId, eventId: target, reply: p.cancelled(said) };
    }
    // modify
    if (option.scope === 'series' && parentId) {
      const parent = await this.calendar.getEvent(userId, calendarId, parentId);
      const event = await this.calendar.patchEvent(userId, calendarId, parentId, shiftSeries(parent, instance, option.event));
      return { action: 'modify', scope: 'series', calendarId, eventId: parentId, previous: snapshot(parent), event, reply: p.modified(said) };
    }
    if (option.scope === 'following' && parentId) {
      const parent = await this.calendar.getEvent(userId, calendarId, parentId);
      // The new series first, then the cut: a write that fails between the two (and is tried again) leaves the
      // occurrences doubled for a moment, never lost; the tail's id comes from the proposal, so it is made once.
      const tail = await this.calendar.insertEvent(userId, calendarId, eventIdForKey(userId, `chat:${row.id}:following`), { ...toGoogle(option.event), recurrence: continuingRule(parent) });
      await this.calendar.patchEvent(userId, calendarId, parentId, { recurrence: endSeriesBefore(parent, instance) });
      return { action: 'modify', scope: 'following', calendarId, eventId: parentId, previous: { recurrence: parent.recurrence ?? [] }, newSeriesId: tail.id!, event: tail, reply: p.modified(said) };
    }
    const event = await this.calendar.patchEvent(userId, calendarId, target, changedFields(option.event), ifMatch);
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
