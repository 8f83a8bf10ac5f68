import { randomBytes } from 'node:crypto';
import type { FastifyInstance, FastifyReply } from 'fastify';
import type { ApiError } from '../../api-error.ts';
import { issueApiToken } from '../../db/repositories/api-tokens.ts';
import { issueOneTimeCode } from '../../db/repositories/one-time-codes.ts';
import type { AuthRequest } from '../../db/repositories/auth-requests.ts';
import { CSRF_COOKIE, SESSION_COOKIE } from '../../plugins/app/authenticate.ts';
import { htmlPage, esc } from '../html-page.ts';

export const EXTENSION_CODE_PURPOSE = 'extension-token';
const EXTENSION_CODE_TTL_MS = 2 * 60_000;

/**
 * After Google: the extension gets a one-time code on its own redirect URL (to
 * trade for an API token), a browser gets a session cookie and the home page.
 */
export async function finishSignIn(app: FastifyInstance, reply: FastifyReply, userId: string, request: AuthRequest): Promise<FastifyReply> {
  const now = app.services.now();
  if (request.client === 'extension' && request.extension_redirect) {
    const code = await issueOneTimeCode(app.db, userId, EXTENSION_CODE_PURPOSE, EXTENSION_CODE_TTL_MS, now);
    const url = new URL(request.extension_redirect);
    url.searchParams.set('code', code.reveal());
    if (request.extension_state) url.searchParams.set('state', request.extension_state);
    return reply.redirect(url.toString(), 302);
  }
  const ttlMs = app.services.config.webSessionTtlDays * 86_400_000;
  const { token } = await issueApiToken(app.db, userId, 'web', ttlMs, now, 'browser session');
  setSessionCookies(app, reply, token.reveal(), ttlMs);
  return reply.redirect('/', 302);
}

export function setSessionCookies(app: FastifyInstance, reply: FastifyReply, session: string, ttlMs: number): void {
  const secure = app.services.config.publicUrl.startsWith('https:');
  // Lax, not Strict: the cookie must come along on the top-level redirect back from Google.
  const base = { path: '/', sameSite: 'lax' as const, secure, maxAge: Math.floor(ttlMs / 1000) };
  void reply.setCookie(SESSION_COOKIE, session, { ...base, httpOnly: true });
  void reply.setCookie(CSRF_COOKIE, randomBytes(24).toString('base64url'), { ...base, httpOnly: false });
}

export function clearSessionCookies(reply: FastifyReply): void {
  void reply.clearCookie(SESSION_COOKIE, { path: '/' }).clearCookie(CSRF_COOKIE, { path: '/' });
}

/** A failed round trip: the extension hears about it on its redirect URL, a browser sees a page. */
export function failSignIn(reply: FastifyReply, error: ApiError, request: AuthRequest | undefined): FastifyReply {
  if (request?.client === 'extension' && request.extension_redirect) {
    const url = new URL(request.extension_redirect);
    url.searchParams.set('error', error.code);
    if (request.extension_state) url.searchParams.set('state', request.extension_state);
    return reply.redirect(url.toString(), 302);
  }
  return reply
    .code(error.status)
    .type('text/html; charset=utf-8')
    .send(htmlPage('Sign-in failed', `<h1>Sign-in failed</h1><p>${esc(error.message)}</p><p><a href="/">Back</a></p>`));
}
