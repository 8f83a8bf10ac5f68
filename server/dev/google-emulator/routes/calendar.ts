import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { EmulatorContext } from '../context.ts';
import type { ListQuery } from '../event-query.ts';
import { queryFreeBusy } from '../free-busy.ts';
import { errors } from '../google-error.ts';
import { calendarListEntry, calendarResource } from '../calendar-list.ts';
import { hasAnyScope, SCOPES_FOR } from '../scopes.ts';
import type { Account } from '../state.ts';
import { bearerToken } from './oauth.ts';

type CalendarParams = { calendarId: string };
type EventParams = { calendarId: string; eventId: string };

/** Calendar API v3 under /calendar/v3, as @googleapis/calendar calls it with rootUrl pointing here. */
export function registerCalendarRoutes(app: FastifyInstance, ctx: EmulatorContext): void {
  const v3 = '/calendar/v3';

  const authorize = (request: FastifyRequest, accepted: readonly string[]): Account => {
    const token = bearerToken(request.headers.authorization, request.query);
    if (!token) throw errors.unauthenticated();
    const record = ctx.oauth.authenticateAccessToken(token);
    const account = record && ctx.store.accounts.get(record.sub);
    if (!record || !account) throw errors.invalidCredentials();
    if (!hasAnyScope(record.scopes, accepted)) throw errors.insufficientScopes();
    return account;
  };
  const ifMatch = (request: FastifyRequest) => {
    const v = request.headers['if-match'];
    return typeof v === 'string' ? v : undefined;
  };

  app.get(`${v3}/users/me/calendarList`, { config: { operation: 'calendar.calendarList.list' } }, async (request) => {
    const account = authorize(request, SCOPES_FOR.calendarList);
    const q = request.query as { maxResults?: string; pageToken?: string };
    const all = ctx.store.calendarsOwnedBy(account.sub).sort((a, b) => Number(b.primary) - Number(a.primary) || a.summary.localeCompare(b.summary));
    const max = Math.min(Math.max(Number(q.maxResults ?? 100) || 100, 1), 250);
    const offset = q.pageToken ? Number(Buffer.from(q.pageToken, 'base64url').toString()) || 0 : 0;
    const items = all.slice(offset, offset + max).map(calendarListEntry);
    const more = offset + max < all.length;
    return {
      kind: 'calendar#calendarList',
      etag: `"p${all.length}"`,
      ...(more ? { nextPageToken: Buffer.from(String(offset + max)).toString('base64url') } : { nextSyncToken: 'calendar-list-sync' }),
      items,
    };
  });

  app.get<{ Params: CalendarParams }>(`${v3}/users/me/calendarList/:calendarId`, { config: { operation: 'calendar.calendarList.get' } }, async (request) => {
    const account = authorize(request, SCOPES_FOR.calendarList);
    return calendarListEntry(ctx.calendars.calendarFor(account, request.params.calendarId));
  });

  app.get<{ Params: CalendarParams }>(`${v3}/calendars/:calendarId`, { config: { operation: 'calendar.calendars.get' } }, async (request) => {
    const account = authorize(request, SCOPES_FOR.readEvents);
    return calendarResource(ctx.calendars.calendarFor(account, request.params.calendarId));
  });

  app.get<{ Params: CalendarParams; Querystring: ListQuery }>(`${v3}/calendars/:calendarId/events`, { config: { operation: 'calendar.events.list' } }, async (request) => {
    const account = authorize(request, SCOPES_FOR.readEvents);
    return ctx.query.list(ctx.calendars.calendarFor(account, request.params.calendarId), request.query);
  });

  app.post<{ Params: CalendarParams }>(`${v3}/calendars/:calendarId/events`, { config: { operation: 'calendar.events.insert' } }, async (request) => {
    const account = authorize(request, SCOPES_FOR.writeEvents);
    return ctx.calendars.insert(account, request.params.calendarId, bodyObject(request.body));
  });

  app.get<{ Params: EventParams }>(`${v3}/calendars/:calendarId/events/:eventId`, { config: { operation: 'calendar.events.get' } }, async (request, reply) => {
    const account = authorize(request, SCOPES_FOR.readEvents);
    const { resource } = ctx.calendars.resolve(account, request.params.calendarId, request.params.eventId);
    if (request.headers['if-none-match'] === resource.etag) return reply.code(304).send();
    return resource;
  });

  app.get<{ Params: EventParams; Querystring: ListQuery }>(`${v3}/calendars/:calendarId/events/:eventId/instances`, { config: { operation: 'calendar.events.instances' } }, async (request) => {
    const account = authorize(request, SCOPES_FOR.readEvents);
    const { calendar, resource } = ctx.calendars.resolve(account, request.params.calendarId, request.params.eventId);
    return ctx.query.instances(calendar, resource, request.query);
  });

  app.put<{ Params: EventParams }>(`${v3}/calendars/:calendarId/events/:eventId`, { config: { operation: 'calendar.events.update' } }, async (request) => {
    const account = authorize(request, SCOPES_FOR.writeEvents);
    return ctx.calendars.update(account, request.params.calendarId, request.params.eventId, bodyObject(request.body), ifMatch(request));
  });

  app.patch<{ Params: EventParams }>(`${v3}/calendars/:calendarId/events/:eventId`, { config: { operation: 'calendar.events.patch' } }, async (request) => {
    const account = authorize(request, SCOPES_FOR.writeEvents);
    return ctx.calendars.patch(account, request.params.calendarId, request.params.eventId, bodyObject(request.body), ifMatch(request));
  });

  app.delete<{ Params: EventParams }>(`${v3}/calendars/:calendarId/events/:eventId`, { config: { operation: 'calendar.events.delete' } }, async (request, reply) => {
    const account = authorize(request, SCOPES_FOR.writeEvents);
    ctx.calendars.delete(account, request.params.calendarId, request.params.eventId, ifMatch(request));
    return reply.code(204).send();
  });

  app.post<{ Params: CalendarParams }>(`${v3}/calendars/:calendarId/events/watch`, { config: { operation: 'calendar.events.watch' } }, async (request) => {
    const account = authorize(request, SCOPES_FOR.readEvents);
    const calendar = ctx.calendars.calendarFor(account, request.params.calendarId);
    const body = bodyObject(request.body) as { id?: string; type?: string; address?: string; token?: string; expiration?: string };
    if (body.type !== 'web_hook' && body.type !== 'webhook') throw errors.invalid('Invalid channel type.', 'type');
    if (!body.address || !/^https?:\/\//.test(body.address)) throw errors.invalid('Invalid channel address.', 'address');
    const c = ctx.watches.open(calendar.id, body);
    return { kind: 'api#channel', id: c.id, resourceId: c.resourceId, resourceUri: `${ctx.urls.base}/calendar/v3/calendars/${encodeURIComponent(calendar.id)}/events`, ...(c.token ? { token: c.token } : {}), expiration: String(c.expiration) };
  });

  app.post(`${v3}/channels/stop`, { config: { operation: 'calendar.channels.stop' } }, async (request, reply) => {
    authorize(request, SCOPES_FOR.readEvents);
    const body = bodyObject(request.body) as { id?: string; resourceId?: string };
    if (!ctx.watches.stop(body.id ?? '', body.resourceId ?? '')) throw errors.notFound();
    return reply.code(204).send();
  });

  app.post(`${v3}/freeBusy`, { config: { operation: 'calendar.freebusy.query' } }, async (request) => {
    const account = authorize(request, SCOPES_FOR.freeBusy);
    return queryFreeBusy(account, bodyObject(request.body), ctx.calendars, ctx.query);
  });
}

function bodyObject(body: unknown): Record<string, unknown> {
  if (body === undefined || body === null || body === '') return {};
  if (typeof body !== 'object' || Array.isArray(body)) throw errors.badRequest('Invalid JSON payload received.');
  return body as Record<string, unknown>;
}
