import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { createEventSchema, patchEventSchema } from '../../../shared/schemas/calendar-event.ts';
import { apiErrors } from '../../api-error.ts';
import { fromGoogleEvent, toGoogleEvent } from '../../google/event-mapping.ts';
import { changesSince, currentChangeSeq, findSyncState, hasSyncedCopy, syncedEventsIn } from '../../db/repositories/synced-events.ts';
import { eventIdForKey, readIdempotencyKey, withIdempotency } from '../../idempotency.ts';

const MAX_RANGE_DAYS = 366;
const isoInstant = z.string().datetime({ offset: true });
const calendarIdQuery = z.object({ calendarId: z.string().min(1).max(1024).default('primary') });
const eventParams = z.object({ id: z.string().min(1).max(1024).regex(/^[A-Za-z0-9_@.-]+$/, 'not an event id') });
const INSTANCE_ID = /^(.+)_(\d{8}(?:T\d{6}Z)?)$/;

const listQuery = z
  .object({
    calendarId: z.string().min(1).max(1024).default('primary'),
    from: isoInstant.describe('Start of the window, ISO 8601 with offset'),
    to: isoInstant.describe('End of the window (exclusive)'),
    q: z.string().max(200).optional().describe('Free-text search'),
  })
  .refine((q) => Date.parse(q.to) > Date.parse(q.from), { message: 'must be after from', path: ['to'] })
  .refine((q) => Date.parse(q.to) - Date.parse(q.from) <= MAX_RANGE_DAYS * 86_400_000, { message: `the window is at most ${MAX_RANGE_DAYS} days`, path: ['to'] });

/** Events, read through Google and written with idempotency keys (POST requires one). */
export default async function eventsRoutes(app: FastifyInstance) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const gateway = app.services.calendar;
  const ifMatch = (request: FastifyRequest) => (typeof request.headers['if-match'] === 'string' ? request.headers['if-match'] : undefined);

  r.get(
    '/api/events',
    { schema: { summary: 'Events in a window, recurring ones expanded, every page fetched; for a synced calendar also the delta feed cursor to continue from', tags: ['api'], querystring: listQuery }, preHandler: app.requireUser },
    async (request) => {
      const userId = request.caller!.user.id;
      const { calendarId, from, to, q } = request.query;
      // A copy synced recently answers without asking Google (search still goes to Google).
      const state = q ? undefined : await findSyncState(app.db, userId, calendarId);
      // For a synced calendar, the delta feed's cursor as of before the read: a client that continues the feed
      // from it can miss no change made meanwhile (one it already has may come again, which is harmless).
      const cursor = state ? { cursor: await currentChangeSeq(app.db, userId) } : {};
      if (state?.synced_at && state.synced_at >= app.services.now() - 2 * app.services.config.jobs.syncEveryMs) {
        return { timeZone: state.time_zone ?? 'UTC', source: 'cache' as const, ...cursor, items: await syncedEventsIn(app.db, userId, calendarId, Date.parse(from), Date.parse(to)) };
      }
      const { items, timeZone } = await gateway.listEvents(userId, { calendarId, from, to, ...(q ? { q } : {}) });
      return { timeZone, ...cursor, items: items.filter((e) => e.status !== 'cancelled').map((e) => fromGoogleEvent(e, calendarId, timeZone)) };
    },
  );

  r.get(
    '/api/events/changes',
    {
      schema: {
        summary: 'What changed in the synced copy since a cursor (synced: false while there is no copy): the extension keeps its offline copy current with this',
        tags: ['api'],
        querystring: z.object({ since: z.coerce.number().int().min(0).default(0), limit: z.coerce.number().int().min(1).max(1000).default(500) }),
      },
      preHandler: app.requireUser,
    },
    async (request) => {
      const userId = request.caller!.user.id;
      // "Nothing changed" and "nothing is synced" must differ: without a copy the client reads /api/events as before.
      if (!(await hasSyncedCopy(app.db, userId))) return { items: [], cursor: request.query.since, more: false, synced: false };
      return { ...(await changesSince(app.db, userId, request.query.since, request.query.limit)), synced: true };
    },
  );

  r.post(
    '/api/events',
    {
      schema: {
        summary: 'Create an event. Requires an Idempotency-Key header: a retry with the same key returns the first response and never duplicates.',
        tags: ['api'],
        headers: z.object({ 'idempotency-key': z.string().optional() }),
        body: createEventSchema,
      },
      preHandler: app.requireUser,
    },
    async (request, reply) => {
      const { user } = request.caller!;
      const key = readIdempotencyKey(request, true)!;
      return withIdempotency(app.db, request, reply, user.id, key, app.services.now(), async () => {
        const input = request.body;
        const calendarZone = await gateway.calendarTimeZone(user.id, input.calendarId);
        const body = toGoogleEvent(input, input.timeZone ?? user.time_zone ?? calendarZone);
        const created = await gateway.insertEvent(user.id, input.calendarId, eventIdForKey(user.id, key), body);
        return { status: 201, body: fromGoogleEvent(created, input.calendarId, calendarZone) };
      });
    },
  );

  r.patch(
    '/api/events/:id',
    {
      schema: {
        summary: 'Change an event. If-Match makes it conditional (409 conflict with the current event when it changed); an optional Idempotency-Key makes retries safe.',
        tags: ['api'],
        params: eventParams,
        querystring: calendarIdQuery,
        body: patchEventSchema,
      },
      preHandler: app.requireUser,
    },
    async (request, reply) => {
      const { user } = request.caller!;
      const key = readIdempotencyKey(request, false);
      return withIdempotency(app.db, request, reply, user.id, key, app.services.now(), async () => {
        const { calendarId } = request.query;
        const { scope, ...input } = request.body;
        const instance = INSTANCE_ID.exec(request.params.id);
        // "All events" for an instance of a series means the series itself.
        const eventId = scope === 'series' && instance ? instance[1]! : request.params.id;
        const calendarZone = await gateway.calendarTimeZone(user.id, calendarId);
        const body = toGoogleEvent(input, input.timeZone ?? user.time_zone ?? calendarZone);
        if (Object.keys(body).length === 0) throw apiErrors.invalid('body', 'Nothing to change.');
        const updated = await gateway.patchEvent(user.id, calendarId, eventId, body, ifMatch(request));
        return { status: 200, body: fromGoogleEvent(updated, calendarId, calendarZone) };
      });
    },
  );

  r.delete(
    '/api/events/:id',
    {
      schema: { summary: 'Delete an event (deleting one already gone succeeds). If-Match makes it conditional.', tags: ['api'], params: eventParams, querystring: calendarIdQuery },
      preHandler: app.requireUser,
    },
    async (request, reply) => {
      const { user } = request.caller!;
      const key = readIdempotencyKey(request, false);
      return withIdempotency(app.db, request, reply, user.id, key, app.services.now(), async () => {
        await gateway.deleteEvent(user.id, request.query.calendarId, request.params.id, ifMatch(request));
        return { status: 204, body: undefined };
      });
    },
  );
}
