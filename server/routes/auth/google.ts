import type { FastifyInstance, FastifyReply } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { apiErrors } from '../../api-error.ts';
import { isAllowedExtensionRedirect } from '../../auth/extension-redirect.ts';
import { AuthorizationFailed } from '../../auth/google-authorization.ts';
import { setUserTimeZone } from '../../db/repositories/users.ts';
import type { AuthPurpose } from '../../db/schema.ts';
import { failSignIn, finishSignIn } from './finish-sign-in.ts';

const startQuery = z.object({
  client: z.enum(['web', 'extension']).default('web'),
  redirect: z.string().url().optional().describe("The extension's identity redirect URL (client=extension)"),
  state: z.string().max(512).optional().describe('Opaque value handed back to the extension with the code'),
});

const callbackQuery = z.object({
  state: z.string().max(512).optional(),
  code: z.string().max(4096).optional(),
  error: z.string().max(256).optional(),
  scope: z.string().optional(),
});

/**
 * Google sign-in (OpenID Connect) and, separately, the calendar consent with
 * offline access. Both go to Google and come back to a callback here.
 */
export default async function googleAuthRoutes(app: FastifyInstance) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const strict = { rateLimit: { max: app.services.config.rateLimit.authPerMinute, timeWindow: '1 minute', keyGenerator: (req: { ip: string }) => `auth:${req.ip}` } };

  const start = (purpose: AuthPurpose) => async (request: { query: z.infer<typeof startQuery> }, reply: FastifyReply, userId: string | null) => {
    const { client, redirect, state } = request.query;
    if (client === 'extension' && (!redirect || !isAllowedExtensionRedirect(redirect, app.services.config.allowedExtensionIds))) {
      throw apiErrors.invalid('redirect', 'redirect must be the identity redirect URL of an allowed extension (see ALLOWED_EXTENSION_IDS).');
    }
    const url = await app.services.authorization.start({ purpose, client, extensionRedirect: redirect, extensionState: state, userId });
    return reply.redirect(url, 302);
  };

  r.get('/auth/google', { schema: { summary: 'Sign in with Google (OpenID Connect)', tags: ['auth'], querystring: startQuery }, config: strict }, async (request, reply) =>
    start('signin')(request, reply, null),
  );

  r.get(
    '/auth/google/calendar',
    { schema: { summary: 'Connect Google Calendar (offline access); signs in too when there is no session', tags: ['auth'], querystring: startQuery }, config: strict },
    async (request, reply) => {
      const caller = await app.identify(request);
      return start('calendar')(request, reply, caller?.user.id ?? null);
    },
  );

  const callback = (purpose: AuthPurpose) => async (request: { query: z.infer<typeof callbackQuery> }, reply: FastifyReply) => {
    try {
      const result = await app.services.authorization.complete(purpose, request.query);
      if (result.connection) {
        app.services.tokens.dropCached(result.user.id);
        if (result.connection === 'connected') await rememberTimeZone(result.user.id);
      }
      return finishSignIn(app, reply, result.user.id, result.request);
    } catch (error) {
      if (!(error instanceof AuthorizationFailed)) throw error;
      return failSignIn(reply, error.error, error.request);
    }
  };

  /** The primary calendar's zone becomes the user's default, so times render where the user lives. */
  async function rememberTimeZone(userId: string): Promise<void> {
    try {
      const primary = (await app.services.calendar.listCalendars(userId)).find((c) => c.primary);
      if (primary?.timeZone) await setUserTimeZone(app.db, userId, primary.timeZone, app.services.now());
    } catch (error) {
      app.log.warn({ err: error }, 'could not read the primary calendar time zone');
    }
  }

  r.get('/auth/google/callback', { schema: { summary: 'Where Google returns after sign-in', tags: ['auth'], querystring: callbackQuery }, config: strict }, callback('signin'));
  r.get('/auth/google/calendar/callback', { schema: { summary: 'Where Google returns after the calendar consent', tags: ['auth'], querystring: callbackQuery }, config: strict }, callback('calendar'));
}
