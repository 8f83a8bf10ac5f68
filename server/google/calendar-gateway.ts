import { calendar, type calendar_v3 } from '@googleapis/calendar';
import { OAuth2Client } from 'google-auth-library';
import { ApiError, apiErrors } from '../api-error.ts';
import type { Config } from '../config.ts';
import type { CalendarSummary } from '../../shared/schemas/calendar-event.ts';
import { callWithRetries, DEFAULT_RETRY_POLICY, GoogleCallFailed, type RetryPolicy } from './call-with-retries.ts';
import type { Secret } from '../secret.ts';
import type { GoogleTokens } from './token-service.ts';

/** Google's cap on results per events.list page. */
const PAGE_SIZE = 2500;
/** We page through for the caller, up to this many events in one answer. */
export const MAX_EVENTS = 10_000;

/**
 * Every Calendar API call the companion makes, for one user at a time: a valid
 * access token, our own retry policy (the client's built-in retry is off), a
 * timeout, and Google's failures turned into the API's error codes.
 */
export class CalendarGateway {
  /** Users whose quota ran out, and until when we stop asking Google for them. */
  private readonly quotaBlockedUntil = new Map<string, number>();
  private readonly zones = new Map<string, { zone: string; until: number }>();

  constructor(
    private readonly tokens: GoogleTokens,
    private readonly google: Config['google'],
    private readonly policy: RetryPolicy = DEFAULT_RETRY_POLICY,
    private readonly now: () => number = Date.now,
  ) {}

  async listCalendars(userId: string): Promise<CalendarSummary[]> {
    const items: calendar_v3.Schema$CalendarListEntry[] = [];
    let pageToken: string | undefined;
    do {
      const res = await this.call(userId, (cal) => cal.calendarList.list({ maxResults: 250, ...(pageToken ? { pageToken } : {}) }));
      items.push(...(res.data.items ?? []));
      pageToken = res.data.nextPageToken ?? undefined;
    } while (pageToken);
    return items.map((c) => ({
      id: c.id!,
      summary: c.summaryOverride ?? c.summary ?? c.id!,
      ...(c.description ? { description: c.description } : {}),
      ...(c.timeZone ? { timeZone: c.timeZone } : {}),
      ...(c.backgroundColor ? { backgroundColor: c.backgroundColor } : {}),
      ...(c.foregroundColor ? { foregroundColor: c.foregroundColor } : {}),
      primary: Boolean(c.primary),
      accessRole: c.accessRole ?? 'reader',
    }));
  }

  /** Expanded events (singleEvents) in [from, to), every page fetched; the calendar's zone comes along for all-day events. */
  async listEvents(userId: string, params: { calendarId: string; from: string; to: string; q?: string }): Promise<{ items: calendar_v3.Schema$Event[]; timeZone: string }> {
    const items: calendar_v3.Schema$Event[] = [];
    let pageToken: string | undefined;
    let timeZone = 'UTC';
    do {
      const res = await this.call(userId, (cal) =>
        cal.events.list({
          calendarId: params.calendarId,
          timeMin: params.from,
          timeMax: params.to,
          singleEvents: true,
          orderBy: 'startTime',
          maxResults: PAGE_SIZE,
          ...(params.q ? { q: params.q } : {}),
          ...(pageToken ? { pageToken } : {}),
        }),
      );
      timeZone = res.data.timeZone ?? timeZone;
      items.push(...(res.data.items ?? []));
      pageToken = res.data.nextPageToken ?? undefined;
    } while (pageToken && items.length < MAX_EVENTS);
    return { items, timeZone };
  }

  /** A calendar's zone (for all-day dates and default event zones); remembered for ten minutes. */
  /**
   * One incremental-sync round: with a sync token, what changed since (deletions as `cancelled`); without,
   * everything (a full sync). Every page is fetched. A token Google no longer accepts is a 410 ApiError.
   */
  async syncEvents(userId: string, calendarId: string, syncToken: string | null): Promise<{ items: calendar_v3.Schema$Event[]; nextSyncToken: string | null; timeZone: string }> {
    const items: calendar_v3.Schema$Event[] = [];
    let pageToken: string | undefined;
    let nextSyncToken: string | null = null;
    let timeZone = 'UTC';
    do {
      const res = await this.call(userId, (cal) =>
        cal.events.list({ calendarId, singleEvents: true, maxResults: PAGE_SIZE, ...(syncToken ? { syncToken } : {}), ...(pageToken ? { pageToken } : {}) }),
      );
      items.push(...(res.data.items ?? []));
      timeZone = res.data.timeZone ?? timeZone;
      pageToken = res.data.nextPageToken ?? undefined;
      nextSyncToken = res.data.nextSyncToken ?? nextSyncToken;
    } while (pageToken);
    return { items, nextSyncToken, timeZone };
  }

  /** Opens a push-notification channel on a calendar's events (events.watch). */
  async watchEvents(userId: string, calendarId: string, channel: { id: string; address: string; token: string; expiration: number }): Promise<{ resourceId: string; expiration: number }> {
    const res = await this.call(userId, (cal) =>
      cal.events.watch({ calendarId, requestBody: { id: channel.id, type: 'web_hook', address: channel.address, token: channel.token, expiration: String(channel.expiration) } }),
    );
    return { resourceId: res.data.resourceId!, expiration: Number(res.data.expiration ?? channel.expiration) };
  }

  async stopChannel(userId: string, id: string, resourceId: string): Promise<void> {
    await this.call(userId, (cal) => cal.channels.stop({ requestBody: { id, resourceId } })).catch(() => undefined);
  }

  /** Called after every write we make, so a synced copy can catch up at once. */
  onWrite: (userId: string, calendarId: string) => void = () => undefined;

  async calendarTimeZone(userId: string, calendarId: string): Promise<string> {
    const key = `${userId}\n${calendarId}`;
    const known = this.zones.get(key);
    if (known && known.until > this.now()) return known.zone;
    const res = await this.call(userId, (cal) => cal.calendars.get({ calendarId }));
    const zone = res.data.timeZone ?? 'UTC';
    this.zones.set(key, { zone, until: this.now() + 600_000 });
    return zone;
  }

  async getEvent(userId: string, calendarId: string, eventId: string): Promise<calendar_v3.Schema$Event> {
    return (await this.call(userId, (cal) => cal.events.get({ calendarId, eventId }))).data;
  }

  /**
   * Inserts under a client-chosen id. A retry after a lost response meets 409
   * duplicate: the event is then ours from the first attempt, and is returned.
   */
  async insertEvent(userId: string, calendarId: string, eventId: string, body: calendar_v3.Schema$Event): Promise<calendar_v3.Schema$Event> {
    try {
      return (await this.call(userId, (cal) => cal.events.insert({ calendarId, requestBody: { ...body, id: eventId } }))).data;
    } catch (error) {
      if (error instanceof ApiError && error.code === 'conflict') return this.getEvent(userId, calendarId, eventId);
      throw error;
    } finally {
      this.onWrite(userId, calendarId);
    }
  }

  async patchEvent(userId: string, calendarId: string, eventId: string, body: calendar_v3.Schema$Event, ifMatch?: string): Promise<calendar_v3.Schema$Event> {
    try {
      return (await this.call(userId, (cal) => cal.events.patch({ calendarId, eventId, requestBody: body }, ifMatch ? { headers: { 'If-Match': ifMatch } } : {}))).data;
    } catch (error) {
      if (error instanceof ApiError && error.code === 'conflict' && ifMatch) {
        throw apiErrors.conflict(await this.getEvent(userId, calendarId, eventId).catch(() => undefined));
      }
      throw error;
    } finally {
      this.onWrite(userId, calendarId);
    }
  }

  /** Deleting twice is fine: Google's 410 for an already deleted event counts as done. */
  async deleteEvent(userId: string, calendarId: string, eventId: string, ifMatch?: string): Promise<void> {
    try {
      await this.call(userId, (cal) => cal.events.delete({ calendarId, eventId }, ifMatch ? { headers: { 'If-Match': ifMatch } } : {}));
    } catch (error) {
      if (error instanceof ApiError && error.status === 410) return;
      if (error instanceof ApiError && error.code === 'conflict' && ifMatch) {
        throw apiErrors.conflict(await this.getEvent(userId, calendarId, eventId).catch(() => undefined));
      }
      throw error;
    } finally {
      this.onWrite(userId, calendarId);
    }
  }

  async freeBusy(userId: string, params: { from: string; to: string; calendarIds: string[] }): Promise<Record<string, calendar_v3.Schema$FreeBusyCalendar>> {
    const res = await this.call(userId, (cal) =>
      cal.freebusy.query({ requestBody: { timeMin: params.from, timeMax: params.to, items: params.calendarIds.map((id) => ({ id })) } }),
    );
    return res.data.calendars ?? {};
  }

  private async call<T>(userId: string, fn: (cal: calendar_v3.Calendar) => Promise<T>): Promise<T> {
    const blocked = this.quotaBlockedUntil.get(userId);
    if (blocked && blocked > this.now()) throw apiErrors.quotaExceeded(Math.ceil((blocked - this.now()) / 1000));
    let used: Secret | undefined;
    const attempt = () =>
      callWithRetries(async () => {
        const token = await this.tokens.ensureValidAccessToken(userId);
        used = token;
        const auth = new OAuth2Client();
        auth.setCredentials({ access_token: token.reveal() });
        const cal = calendar({ version: 'v3', auth, rootUrl: this.google.endpoints.apiRoot, retry: false, timeout: this.google.timeoutMs });
        return fn(cal);
      }, this.policy);
    try {
      try {
        return await attempt();
      } catch (error) {
        // A 401 for a token we thought valid (revoked early, clock skew): drop it and try once with a fresh one.
        if (!(error instanceof GoogleCallFailed) || error.failure.status !== 401) throw error;
        if (used) await this.tokens.invalidateAccessToken(userId, used);
        return await attempt();
      }
    } catch (error) {
      throw this.translate(userId, error);
    }
  }

  private translate(userId: string, error: unknown): Error {
    if (error instanceof ApiError) return error;
    if (!(error instanceof GoogleCallFailed)) return error as Error;
    const { failure } = error;
    switch (failure.kind) {
      case 'retryable':
        return apiErrors.upstreamUnavailable(failure.retryAfterMs ? Math.ceil(failure.retryAfterMs / 1000) : undefined);
      case 'quota': {
        // Google's daily quota resets at midnight Pacific time; asking again before then only burns requests.
        const retryAfterSeconds = 3600;
        this.quotaBlockedUntil.set(userId, this.now() + retryAfterSeconds * 1000);
        return apiErrors.quotaExceeded(retryAfterSeconds);
      }
      case 'auth':
        return failure.reason === 'insufficientPermissions' ? apiErrors.insufficientScope() : apiErrors.reconnectRequired();
      case 'not_found':
        return apiErrors.notFound('No such calendar or event.');
      case 'gone':
        return new ApiError(410, 'not_found', 'The event was deleted.');
      case 'conflict':
      case 'precondition':
        return apiErrors.conflict();
      default:
        return new ApiError(400, 'invalid_request', `Google refused the request: ${messageOf(error.original)}`);
    }
  }
}

function messageOf(error: unknown): string {
  return (error as Error)?.message ?? 'unknown error';
}
