import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { listLiveTokens } from '../../db/repositories/api-tokens.ts';
import { findConnection } from '../../db/repositories/google-connections.ts';

/** Who is signed in, whether Google Calendar is connected, and which tokens are live. */
export default async function sessionRoute(app: FastifyInstance) {
  app.withTypeProvider<ZodTypeProvider>().get(
    '/api/session',
    { schema: { summary: 'The signed-in user, the Google connection, demo mode and live tokens', tags: ['api'] }, preHandler: app.requireUser },
    async (request) => {
      const { user, token } = request.caller!;
      const now = app.services.now();
      const connection = await findConnection(app.db, user.id);
      const tokens = await listLiveTokens(app.db, user.id, now);
      return {
        user: { id: user.id, email: user.email, name: user.name, picture: user.picture, timeZone: user.time_zone },
        connection: connection
          ? { status: connection.status, scopes: connection.scopes.split(' ').filter(Boolean), accessTokenExpiresAt: connection.access_token_expires_at ? new Date(connection.access_token_expires_at).toISOString() : null }
          : { status: 'not_connected' as const, scopes: [], accessTokenExpiresAt: null },
        demo: app.services.config.google.demo,
        token: { id: token.id, kind: token.kind, expiresAt: new Date(token.expires_at).toISOString() },
        tokens: tokens.map((t) => ({
          id: t.id,
          kind: t.kind,
          label: t.label,
          createdAt: new Date(t.created_at).toISOString(),
          expiresAt: new Date(t.expires_at).toISOString(),
          lastUsedAt: t.last_used_at ? new Date(t.last_used_at).toISOString() : null,
          current: t.id === token.id,
        })),
      };
    },
  );
}
