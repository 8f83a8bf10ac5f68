import { createHash } from 'node:crypto';
import type {} from '@fastify/cookie';
import rateLimit from '@fastify/rate-limit';
import type { FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';

/**
 * Per caller: a signed-in caller is keyed by its token (so one user cannot
 * exhaust another's budget, and stays well under Google's ~600 requests per
 * user per minute), anyone else by IP. Routes under /auth are stricter, by IP.
 */
export default fp(
  async (app, options: { perMinute: number }) => {
    await app.register(rateLimit, {
      max: options.perMinute,
      timeWindow: '1 minute',
      keyGenerator: callerKey,
      errorResponseBuilder: (_request, context) => ({
        statusCode: 429,
        error: 'rate_limited',
        message: `Too many requests; try again in ${Math.ceil(context.ttl / 1000)} s.`,
        retryAfterSeconds: Math.ceil(context.ttl / 1000),
      }),
    });
  },
  { name: 'rate-limit' },
);

export function callerKey(request: FastifyRequest): string {
  const auth = request.headers.authorization;
  const cookie = request.cookies?.ca_session;
  const credential = auth?.startsWith('Bearer ') ? auth.slice(7) : cookie;
  return credential ? `t:${createHash('sha256').update(credential).digest('base64url').slice(0, 22)}` : `ip:${request.ip}`;
}
