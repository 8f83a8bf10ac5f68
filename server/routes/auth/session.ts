import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { apiErrors } from '../../api-error.ts';
import { issueApiToken, revokeToken } from '../../db/repositories/api-tokens.ts';
import { deleteConnection, findConnection } from '../../db/repositories/google-connections.ts';
import { redeemOneTimeCode } from '../../db/repositories/one-time-codes.ts';
import { findUser } from '../../db/repositories/users.ts';
import { createOAuthClient } from '../../google/oauth-client.ts';
import { tokenAad } from '../../google/token-service.ts';
import { esc, htmlPage } from '../html-page.ts';
import { clearSessionCookies } from './finish-sign-in.ts';
import { EXTENSION_CODE_PURPOSE } from './finish-sign-in.ts';

const tokenResponse = z.object({ token: z.string(), tokenId: z.string(), expiresAt: z.string(), user: z.object({ id: z.string(), email: z.string() }) });

/** Tokens for the extension and curl, sign-out, and disconnecting Google. */
export default async function sessionRoutes(app: FastifyInstance) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const strict = { rateLimit: { max: app.services.config.rateLimit.authPerMinute, timeWindow: '1 minute', keyGenerator: (req: { ip: string }) => `auth:${req.ip}` } };
  const ttlMs = () => app.services.config.apiTokenTtlDays * 86_400_000;

  r.post(
    '/auth/extension/token',
    {
      schema: {
        summary: "Trade the extension's one-time sign-in code for an API token",
        tags: ['auth'],
        security: [],
        body: z.object({ code: z.string().min(10).max(200) }),
        response: { 200: tokenResponse },
      },
      config: strict,
    },
    async (request) => {
      const now = app.services.now();
      const userId = await redeemOneTimeCode(app.db, request.body.code, EXTENSION_CODE_PURPOSE, now);
      const user = userId && (await findUser(app.db, userId));
      if (!user) throw apiErrors.invalid('code', 'This sign-in code is unknown, used or expired. Sign in again.');
      const { token, record } = await issueApiToken(app.db, user.id, 'extension', ttlMs(), now, 'browser extension');
      return { token: token.reveal(), tokenId: record.id, expiresAt: new Date(record.expires_at).toISOString(), user: { id: user.id, email: user.email } };
    },
  );

  r.post(
    '/auth/tokens',
    {
      schema: { summary: 'Create an API token for scripts and curl (shown once)', tags: ['auth'], body: z.object({ label: z.string().max(100).optional(), csrf: z.string().optional() }).optional() },
      preHandler: app.requireUser,
    },
    async (request, reply) => {
      const caller = request.caller!;
      const { token, record } = await issueApiToken(app.db, caller.user.id, 'cli', ttlMs(), app.services.now(), request.body?.label ?? 'API token');
      const body = { token: token.reveal(), tokenId: record.id, expiresAt: new Date(record.expires_at).toISOString(), user: { id: caller.user.id, email: caller.user.email } };
      if (request.headers['content-type']?.startsWith('application/x-www-form-urlencoded')) {
        return reply.type('text/html; charset=utf-8').send(
          htmlPage('API token', `<h1>Your API token</h1><p>Shown once. Use it as <code>Authorization: Bearer …</code>:</p><pre>${esc(body.token)}</pre><p>Expires ${esc(body.expiresAt)}.</p>
<pre>curl -H "Authorization: Bearer ${esc(body.token)}" ${esc(app.services.config.publicUrl)}/api/session</pre><p><a href="/">Back</a></p>`),
        );
      }
      return reply.code(201).send(body);
    },
  );

  r.delete(
    '/auth/tokens/:id',
    { schema: { summary: 'Revoke one of your API tokens', tags: ['auth'], params: z.object({ id: z.string().uuid() }) }, preHandler: app.requireUser },
    async (request, reply) => {
      const done = await revokeToken(app.db, request.caller!.user.id, request.params.id, app.services.now());
      if (!done) throw apiErrors.notFound('No such token.');
      return reply.code(204).send();
    },
  );

  r.post('/auth/logout', { schema: { summary: 'Sign out: revoke the token or session making this call', tags: ['auth'] }, preHandler: app.requireUser }, async (request, reply) => {
    await revokeToken(app.db, request.caller!.user.id, request.caller!.token.id, app.services.now());
    clearSessionCookies(reply);
    return reply.code(204).send();
  });

  r.post(
    '/auth/disconnect',
    { schema: { summary: 'Disconnect Google Calendar: revoke our grant at Google and delete the stored tokens', tags: ['auth'] }, preHandler: app.requireUser },
    async (request, reply) => {
      const userId = request.caller!.user.id;
      const connection = await findConnection(app.db, userId);
      if (connection) {
        const envelope = connection.refresh_token_enc ?? connection.access_token_enc;
        if (envelope) {
          const aad = connection.refresh_token_enc ? tokenAad.refresh(userId) : tokenAad.access(userId);
          try {
            await createOAuthClient(app.services.config.google).revokeToken(app.services.cipher.decrypt(envelope, aad).reveal());
          } catch (error) {
            // Already revoked or expired at Google: nothing left to revoke, and the local copy goes anyway.
            app.log.info({ status: (error as { status?: number }).status }, 'revocation at Google did not succeed');
          }
        }
        await deleteConnection(app.db, userId);
        app.services.tokens.dropCached(userId);
      }
      return reply.code(204).send();
    },
  );
}
