import type { FastifyInstance, FastifyReply } from 'fastify';
import { z } from 'zod';
import { ensureAccount } from '../accounts.ts';
import type { EmulatorContext } from '../context.ts';
import { faultRuleSchema } from '../faults.ts';

export const ADMIN_PREFIX = '/__emulator';

const accountSchema = z.object({
  email: z.string().email(),
  name: z.string().optional(),
  timeZone: z.string().optional(),
  emailVerified: z.boolean().optional(),
  calendars: z.array(z.object({ summary: z.string() })).optional(),
});
const clientSchema = z.object({
  clientId: z.string().min(1),
  clientSecret: z.string().min(1),
  redirectUris: z.array(z.string().url()).default([]),
  allowLoopbackRedirects: z.boolean().default(false),
});

/**
 * Test controls that Google does not have: counters, fault injection, and
 * "things that happen to a user" (tokens expire, access is revoked, sync tokens expire).
 */
export function registerAdminRoutes(app: FastifyInstance, ctx: EmulatorContext): void {
  const p = ADMIN_PREFIX;
  const parse = <T>(schema: z.ZodType<T>, body: unknown, reply: FastifyReply): T | undefined => {
    const result = schema.safeParse(body ?? {});
    if (result.success) return result.data;
    const issue = result.error.issues[0]!;
    void reply.code(400).send({ error: 'invalid_request', field: issue.path.join('.'), message: issue.message });
    return undefined;
  };
  const accountOr404 = (email: string, reply: FastifyReply) => {
    const account = ctx.store.accountByEmail(email);
    if (!account) void reply.code(404).send({ error: 'not_found', field: 'email', message: `No account ${email}` });
    return account;
  };

  app.get(`${p}/health`, async () => ({ ok: true, accounts: ctx.store.accounts.size }));

  app.get(`${p}/counters`, async () => ctx.counters.snapshot());
  app.delete(`${p}/counters`, async (_r, reply) => {
    ctx.counters.reset();
    return reply.code(204).send();
  });

  app.get(`${p}/faults`, async () => ({ rules: ctx.faults.list() }));
  app.post(`${p}/faults`, async (request, reply) => {
    const rule = parse(faultRuleSchema, request.body, reply);
    if (rule) return reply.code(201).send(ctx.faults.add(rule));
  });
  app.delete(`${p}/faults`, async (_r, reply) => {
    ctx.faults.clear();
    return reply.code(204).send();
  });

  app.get(`${p}/accounts`, async () => ({ accounts: [...ctx.store.accounts.values()] }));
  app.post(`${p}/accounts`, async (request, reply) => {
    const input = parse(accountSchema, request.body, reply);
    if (input) return reply.code(201).send(ensureAccount(ctx.store, ctx.ids, input));
  });
  app.post(`${p}/clients`, async (request, reply) => {
    const client = parse(clientSchema, request.body, reply);
    if (!client) return;
    ctx.store.clients.set(client.clientId, client);
    ctx.store.touch();
    return reply.code(201).send({ clientId: client.clientId });
  });

  app.post<{ Params: { email: string } }>(`${p}/accounts/:email/expire-access-tokens`, async (request, reply) => {
    const account = accountOr404(request.params.email, reply);
    if (account) return { expired: ctx.oauth.expireAccessTokens(account.sub) };
  });
  app.post<{ Params: { email: string } }>(`${p}/accounts/:email/expire-refresh-tokens`, async (request, reply) => {
    const account = accountOr404(request.params.email, reply);
    if (account) return { expired: ctx.oauth.expireRefreshTokens(account.sub) };
  });
  app.post<{ Params: { email: string } }>(`${p}/accounts/:email/revoke-access`, async (request, reply) => {
    const account = accountOr404(request.params.email, reply);
    if (!account) return;
    const clientIds = new Set([...ctx.store.grants.values()].filter((g) => g.sub === account.sub).map((g) => g.clientId));
    for (const clientId of clientIds) ctx.oauth.revokeGrant(clientId, account.sub);
    return { revokedClients: [...clientIds] };
  });
  app.post<{ Params: { email: string } }>(`${p}/accounts/:email/expire-sync-tokens`, async (request, reply) => {
    const account = accountOr404(request.params.email, reply);
    if (!account) return;
    const calendars = ctx.store.calendarsOwnedBy(account.sub);
    for (const c of calendars) ctx.calendars.expireSyncTokens(c);
    return { calendars: calendars.map((c) => c.id) };
  });

  app.post(`${p}/clock`, async (request, reply) => {
    const body = parse(z.object({ advanceMs: z.number().int().min(0) }), request.body, reply);
    if (!body) return;
    ctx.clock.advance(body.advanceMs);
    return { now: new Date(ctx.clock.now()).toISOString(), offsetMs: ctx.clock.offset };
  });
}
