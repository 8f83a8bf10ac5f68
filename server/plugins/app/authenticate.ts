import { timingSafeEqual } from 'node:crypto';
import type { FastifyReply, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import { apiErrors, ApiError } from '../../api-error.ts';
import { findLiveToken, touchToken, type ApiToken } from '../../db/repositories/api-tokens.ts';
import { findUser, type User } from '../../db/repositories/users.ts';

export const SESSION_COOKIE = 'ca_session';
export const CSRF_COOKIE = 'ca_csrf';

export interface Caller {
  user: User;
  token: ApiToken;
  via: 'bearer' | 'cookie';
}

declare module 'fastify' {
  interface FastifyRequest {
    caller: Caller | null;
  }
  interface FastifyInstance {
    /** preHandler for routes that need a signed-in user. */
    requireUser: (request: FastifyRequest, reply: FastifyReply) => Promise<void>;
  }
}

const UNSAFE = new Set(['POST', 'PATCH', 'PUT', 'DELETE']);

/**
 * Who is calling: an API token (`Authorization: Bearer cat_…`, the extension
 * and curl) or the web session cookie (the server's own pages). Cookie-borne
 * writes must echo the CSRF cookie in `X-CSRF-Token` (double submit).
 */
export default fp(
  async (app) => {
    app.decorateRequest('caller', null);

    app.decorate('requireUser', async (request: FastifyRequest) => {
      const caller = await identify(request);
      if (!caller) throw apiErrors.unauthorized();
      if (caller.via === 'cookie' && UNSAFE.has(request.method) && !csrfMatches(request)) {
        throw new ApiError(403, 'forbidden', 'Missing or wrong X-CSRF-Token header for a cookie-authenticated write.', { field: 'X-CSRF-Token' });
      }
      request.caller = caller;
    });

    async function identify(request: FastifyRequest): Promise<Caller | null> {
      const header = request.headers.authorization;
      const now = app.services.now();
      let credential: string | undefined;
      let via: Caller['via'] = 'bearer';
      if (header) {
        const m = /^Bearer\s+(\S+)$/i.exec(header);
        if (!m) return null;
        credential = m[1];
      } else if (request.cookies[SESSION_COOKIE]) {
        credential = request.cookies[SESSION_COOKIE];
        via = 'cookie';
      }
      if (!credential) return null;
      const token = await findLiveToken(app.db, credential, now);
      if (!token) return null;
      const user = await findUser(app.db, token.user_id);
      if (!user) return null;
      // Recording use at most once a minute keeps reads from turning into writes.
      if (!token.last_used_at || now - token.last_used_at > 60_000) await touchToken(app.db, token.id, now);
      return { user, token, via };
    }

    /** Who is calling, when a route works both signed in and out (the home page, the calendar connect link). */
    app.decorate('identify', identify);
  },
  { name: 'authenticate', dependencies: ['services'] },
);

declare module 'fastify' {
  interface FastifyInstance {
    identify: (request: FastifyRequest) => Promise<Caller | null>;
  }
}

function csrfMatches(request: FastifyRequest): boolean {
  // The header for scripts, a form field for the server's own HTML forms.
  const header = request.headers['x-csrf-token'] ?? (request.body as { csrf?: unknown } | undefined)?.csrf;
  const cookie = request.cookies[CSRF_COOKIE];
  if (typeof header !== 'string' || !cookie || header.length !== cookie.length) return false;
  return timingSafeEqual(Buffer.from(header), Buffer.from(cookie));
}
