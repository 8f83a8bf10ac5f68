import type { FastifyInstance, FastifyReply } from 'fastify';
import type { EmulatorContext } from '../context.ts';
import type { CodeRequest } from '../oauth-service.ts';
import { isOptionalScope, parseScopeParam } from '../scopes.ts';
import type { Account, OAuthClientRecord } from '../state.ts';
import { accountForHint } from './oauth.ts';

type Params = Record<string, string | string[] | undefined>;

interface PendingConsent {
  client: OAuthClientRecord;
  redirectUri: string;
  scopes: string[];
  state: string | undefined;
  request: Omit<CodeRequest, 'client' | 'redirectUri' | 'account' | 'scopes'>;
  loginHint: string | undefined;
  prompt: string[];
  expiresAt: number;
}

/**
 * `/o/oauth2/v2/auth`: Google's account chooser and consent screen. With
 * auto-approve it redirects at once, as a signed-in user clicking "Allow" would.
 * On the page the user can untick optional scopes, as Google's granular consent allows.
 */
export function registerConsentRoutes(app: FastifyInstance, ctx: EmulatorContext): void {
  const pending = new Map<string, PendingConsent>();

  app.get('/o/oauth2/v2/auth', { config: { operation: 'oauth.authorize' } }, async (request, reply) => {
    const q = request.query as Params;
    const client = ctx.oauth.client(one(q.client_id));
    if (!client) return errorPage(reply, 401, 'invalid_client', 'The OAuth client was not found.');
    const redirectUri = one(q.redirect_uri);
    if (!redirectUri || !ctx.oauth.isRedirectUriAllowed(client, redirectUri)) {
      return errorPage(reply, 400, 'redirect_uri_mismatch', `The redirect URI in the request, ${redirectUri ?? '(none)'}, does not match the ones authorized for the OAuth client.`);
    }
    const state = one(q.state);
    const fail = (error: string, description: string) => redirectTo(reply, redirectUri, { error, error_description: description, state });
    if (one(q.response_type) !== 'code') return fail('unsupported_response_type', `Invalid response_type: ${one(q.response_type) ?? ''}`);
    const scopes = parseScopeParam(one(q.scope));
    if (scopes.length === 0) return fail('invalid_request', 'Missing required parameter: scope');
    const codeChallenge = one(q.code_challenge) ?? null;
    const method = one(q.code_challenge_method) ?? (codeChallenge ? 'plain' : null);
    if (method !== null && method !== 'S256' && method !== 'plain') return fail('invalid_request', 'Invalid code_challenge_method');
    const prompt = (one(q.prompt) ?? '').split(/\s+/).filter(Boolean);
    const consent: PendingConsent = {
      client,
      redirectUri,
      scopes,
      state,
      loginHint: one(q.login_hint),
      prompt,
      expiresAt: ctx.clock.now() + 600_000,
      request: {
        nonce: one(q.nonce) ?? null,
        codeChallenge,
        codeChallengeMethod: method as CodeRequest['codeChallengeMethod'],
        accessType: one(q.access_type) === 'offline' ? 'offline' : 'online',
        promptConsent: prompt.includes('consent'),
        includeGrantedScopes: one(q.include_granted_scopes) === 'true',
      },
    };
    if (prompt.includes('none')) {
      const account = accountForHint(ctx, consent.loginHint) ?? onlyAccount(ctx);
      const grant = account && ctx.store.grants.get(`${client.clientId} ${account.sub}`);
      if (!account || !grant || !scopes.every((s) => grant.scopes.includes(s))) return fail('consent_required', 'Consent required');
      return approve(ctx, reply, consent, account, scopes);
    }
    if (ctx.settings.autoApprove) {
      const account = accountForHint(ctx, consent.loginHint) ?? firstAccount(ctx);
      if (!account) return errorPage(reply, 400, 'no_account', 'The emulator has no account to sign in with.');
      return approve(ctx, reply, consent, account, scopes);
    }
    const id = ctx.ids.opaque();
    pending.set(id, consent);
    return reply.type('text/html; charset=utf-8').send(consentPage(ctx, id, consent));
  });

  app.post('/o/oauth2/v2/auth/decision', { config: { operation: 'oauth.consent' } }, async (request, reply) => {
    const body = (request.body ?? {}) as Params;
    const id = one(body.request_id) ?? '';
    const consent = pending.get(id);
    pending.delete(id);
    if (!consent || consent.expiresAt < ctx.clock.now()) return errorPage(reply, 400, 'invalid_request', 'This sign-in request has expired. Start again from the app.');
    if (one(body.decision) !== 'allow') return redirectTo(reply, consent.redirectUri, { error: 'access_denied', state: consent.state });
    const email = one(body.new_account)?.trim() || one(body.account);
    const account = email ? (ctx.store.accountByEmail(email) ?? accountForHint({ ...ctx, settings: { ...ctx.settings, autoCreateAccounts: true } }, email)) : undefined;
    if (!account) return errorPage(reply, 400, 'invalid_request', 'Choose an account.');
    const ticked = new Set(([] as string[]).concat(body.scope ?? []));
    const granted = consent.scopes.filter((s) => !isOptionalScope(s) || ticked.has(s));
    return approve(ctx, reply, consent, account, granted);
  });
}

function approve(ctx: EmulatorContext, reply: FastifyReply, consent: PendingConsent, account: Account, scopes: string[]) {
  const code = ctx.oauth.issueCode({ ...consent.request, client: consent.client, redirectUri: consent.redirectUri, account, scopes });
  return redirectTo(reply, consent.redirectUri, {
    state: consent.state,
    code,
    scope: scopes.join(' '),
    authuser: '0',
    prompt: consent.request.promptConsent ? 'consent' : 'none',
  });
}

function redirectTo(reply: FastifyReply, redirectUri: string, params: Record<string, string | undefined>) {
  const url = new URL(redirectUri);
  for (const [k, v] of Object.entries(params)) if (v !== undefined) url.searchParams.set(k, v);
  return reply.redirect(url.toString(), 302);
}

function errorPage(reply: FastifyReply, status: number, error: string, description: string) {
  return reply
    .code(status)
    .type('text/html; charset=utf-8')
    .send(page('Access blocked', `<h1>Error ${status}: ${esc(error)}</h1><p>${esc(description)}</p>`));
}

function firstAccount(ctx: EmulatorContext): Account | undefined {
  return ctx.store.accounts.values().next().value;
}

function onlyAccount(ctx: EmulatorContext): Account | undefined {
  return ctx.store.accounts.size === 1 ? firstAccount(ctx) : undefined;
}

function one(v: string | string[] | undefined): string | undefined {
  return Array.isArray(v) ? v[0] : v;
}

const SCOPE_LABELS: Record<string, string> = {
  openid: 'Associate you with your personal info on Google',
  'https://www.googleapis.com/auth/userinfo.email': 'See your primary Google Account email address',
  'https://www.googleapis.com/auth/userinfo.profile': 'See your personal info, including any personal info you have made publicly available',
  'https://www.googleapis.com/auth/calendar.events': 'View and edit events on all your calendars',
  'https://www.googleapis.com/auth/calendar.readonly': 'See and download any calendar you can access using your Google Calendar',
  'https://www.googleapis.com/auth/calendar': 'See, edit, share, and permanently delete all the calendars you can access using Google Calendar',
};

function consentPage(ctx: EmulatorContext, id: string, consent: PendingConsent): string {
  const accounts = [...ctx.store.accounts.values()];
  const hinted = consent.loginHint?.toLowerCase();
  const accountItems = accounts
    .map((a, i) => {
      const checked = a.email === hinted || (!hinted && i === 0) ? ' checked' : '';
      return `<label class="row"><input type="radio" name="account" value="${esc(a.email)}"${checked}> <b>${esc(a.name)}</b> &lt;${esc(a.email)}&gt;</label>`;
    })
    .join('');
  const scopeItems = consent.scopes
    .map((s) => {
      const label = esc(SCOPE_LABELS[s] ?? s);
      return isOptionalScope(s)
        ? `<label class="row"><input type="checkbox" name="scope" value="${esc(s)}" checked> ${label}</label>`
        : `<div class="row">✓ ${label}</div>`;
    })
    .join('');
  return page(
    `Sign in – ${consent.client.clientId}`,
    `<h1>Google Emulator</h1>
<p class="muted">Local stand-in for Google sign-in. No real Google account is used.</p>
<form method="post" action="${esc(ctx.urls.base)}/o/oauth2/v2/auth/decision">
<input type="hidden" name="request_id" value="${esc(id)}">
<h2>Choose an account</h2>${accountItems}
<label class="row">or another email: <input type="email" name="new_account" placeholder="someone@example.com"></label>
<h2><code>${esc(consent.client.clientId)}</code> wants to</h2>${scopeItems}
<p><button name="decision" value="deny">Cancel</button> <button name="decision" value="allow" class="primary">Allow</button></p>
</form>`,
  );
}

function page(title: string, body: string): string {
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${esc(title)}</title>
<style>body{font:15px system-ui,sans-serif;max-width:560px;margin:40px auto;padding:0 16px;color:#202124}
.row{display:block;padding:6px 0}.muted{color:#5f6368}button{padding:8px 18px;border-radius:4px;border:1px solid #dadce0;background:#fff}
.primary{background:#1a73e8;color:#fff;border-color:#1a73e8}</style></head><body>${body}</body></html>`;
}

function esc(s: string): string {
  return s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}
