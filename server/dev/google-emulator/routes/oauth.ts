import type { FastifyInstance, FastifyReply } from 'fastify';
import { ensureAccount } from '../accounts.ts';
import type { EmulatorContext } from '../context.ts';
import { OAuthError } from '../oauth-service.ts';
import { hasAnyScope, parseScopeParam, SCOPES_FOR } from '../scopes.ts';
import { registerConsentRoutes } from './consent.ts';

type Params = Record<string, string | undefined>;

/** Google's OpenID Connect and OAuth 2.0 endpoints, at the paths google-auth-library calls. */
export function registerOAuthRoutes(app: FastifyInstance, ctx: EmulatorContext): void {
  app.get('/.well-known/openid-configuration', { config: { operation: 'oauth.discovery' } }, async () => {
    const base = ctx.urls.base;
    return {
      issuer: ctx.oauth.options.issuer,
      authorization_endpoint: `${base}/o/oauth2/v2/auth`,
      token_endpoint: `${base}/token`,
      userinfo_endpoint: `${base}/v1/userinfo`,
      revocation_endpoint: `${base}/revoke`,
      jwks_uri: `${base}/oauth2/v3/certs`,
      response_types_supported: ['code', 'token', 'id_token', 'code token', 'code id_token', 'token id_token', 'code token id_token', 'none'],
      subject_types_supported: ['public'],
      id_token_signing_alg_values_supported: ['RS256'],
      scopes_supported: ['openid', 'email', 'profile'],
      token_endpoint_auth_methods_supported: ['client_secret_post', 'client_secret_basic'],
      claims_supported: ['aud', 'email', 'email_verified', 'exp', 'family_name', 'given_name', 'iat', 'iss', 'name', 'picture', 'sub'],
      code_challenge_methods_supported: ['plain', 'S256'],
      grant_types_supported: ['authorization_code', 'refresh_token', 'urn:ietf:params:oauth:grant-type:device_code', 'urn:ietf:params:oauth:grant-type:jwt-bearer'],
    };
  });

  const certHeaders = (reply: FastifyReply) => reply.header('cache-control', 'public, max-age=21600, must-revalidate');
  app.get('/oauth2/v3/certs', { config: { operation: 'oauth.certs' } }, async (_req, reply) => {
    certHeaders(reply);
    return ctx.key.jwks();
  });
  app.get('/oauth2/v1/certs', { config: { operation: 'oauth.certs' } }, async (_req, reply) => {
    certHeaders(reply);
    return ctx.key.pemCerts();
  });

  registerConsentRoutes(app, ctx);

  const token = async (request: { body: unknown; headers: Record<string, unknown> }, reply: FastifyReply) => {
    const body = (request.body ?? {}) as Params;
    const [basicId, basicSecret] = basicCredentials(request.headers.authorization);
    const client = ctx.oauth.authenticateClient(body.client_id ?? basicId, body.client_secret ?? basicSecret);
    reply.header('cache-control', 'no-cache, no-store, max-age=0, must-revalidate').header('pragma', 'no-cache');
    switch (body.grant_type) {
      case 'authorization_code':
        return ctx.oauth.exchangeCode(client, { code: body.code, redirectUri: body.redirect_uri, codeVerifier: body.code_verifier });
      case 'refresh_token':
        return ctx.oauth.refresh(client, body.refresh_token);
      case undefined:
        throw new OAuthError(400, 'unsupported_grant_type', 'Invalid grant_type: ');
      default:
        throw new OAuthError(400, 'unsupported_grant_type', `Invalid grant_type: ${body.grant_type}`);
    }
  };
  app.post('/token', { config: { operation: 'oauth.token' } }, token);
  app.post('/o/oauth2/token', { config: { operation: 'oauth.token' } }, token);

  const revoke = async (request: { body: unknown; query: unknown }) => {
    const params = { ...((request.query ?? {}) as Params), ...((request.body ?? {}) as Params) };
    if (!params.token || !ctx.oauth.revoke(params.token)) throw new OAuthError(400, 'invalid_token', 'Token expired or revoked');
    return {};
  };
  app.post('/revoke', { config: { operation: 'oauth.revoke' } }, revoke);
  app.get('/revoke', { config: { operation: 'oauth.revoke' } }, revoke);
  app.post('/o/oauth2/revoke', { config: { operation: 'oauth.revoke' } }, revoke);

  const userinfo = async (request: { headers: Record<string, unknown>; query: unknown }) => {
    const record = ctx.oauth.authenticateAccessToken(bearerToken(request.headers.authorization, request.query));
    const account = record && ctx.store.accounts.get(record.sub);
    if (!record || !account) throw new OAuthError(401, 'invalid_request', 'Invalid Credentials');
    const info: Record<string, unknown> = { sub: account.sub };
    if (hasAnyScope(record.scopes, SCOPES_FOR.profile)) {
      Object.assign(info, { name: account.name, given_name: account.givenName, family_name: account.familyName, picture: account.picture });
    }
    if (hasAnyScope(record.scopes, SCOPES_FOR.email)) Object.assign(info, { email: account.email, email_verified: account.emailVerified });
    return info;
  };
  app.get('/v1/userinfo', { config: { operation: 'oauth.userinfo' } }, userinfo);
  app.get('/oauth2/v3/userinfo', { config: { operation: 'oauth.userinfo' } }, userinfo);

  const tokeninfo = async (request: { body: unknown; query: unknown; headers: Record<string, unknown> }) => {
    const params = { ...((request.query ?? {}) as Params), ...((request.body ?? {}) as Params) };
    const record = ctx.oauth.authenticateAccessToken(params.access_token ?? bearerToken(request.headers.authorization, {}));
    if (!record) throw new OAuthError(400, 'invalid_token', 'Invalid Value');
    return ctx.oauth.tokenInfo(record);
  };
  app.get('/tokeninfo', { config: { operation: 'oauth.tokeninfo' } }, tokeninfo);
  app.post('/tokeninfo', { config: { operation: 'oauth.tokeninfo' } }, tokeninfo);
  app.get('/oauth2/v3/tokeninfo', { config: { operation: 'oauth.tokeninfo' } }, tokeninfo);
}

export function bearerToken(header: unknown, query: unknown): string | undefined {
  if (typeof header === 'string') {
    const m = /^Bearer\s+(.+)$/i.exec(header.trim());
    if (m) return m[1];
  }
  const q = query as Params | undefined;
  return q?.access_token;
}

function basicCredentials(header: unknown): [string | undefined, string | undefined] {
  if (typeof header !== 'string' || !/^Basic\s+/i.test(header)) return [undefined, undefined];
  const decoded = Buffer.from(header.replace(/^Basic\s+/i, ''), 'base64').toString('utf8');
  const i = decoded.indexOf(':');
  if (i < 0) return [undefined, undefined];
  return [decodeURIComponent(decoded.slice(0, i)), decodeURIComponent(decoded.slice(i + 1))];
}

/** Used by the consent flow: an auto-approving emulator may create accounts named by login_hint. */
export function accountForHint(ctx: EmulatorContext, hint: string | undefined) {
  if (hint) {
    const byEmail = ctx.store.accountByEmail(hint) ?? ctx.store.accounts.get(hint);
    if (byEmail) return byEmail;
    if (ctx.settings.autoCreateAccounts && /^[^\s@]+@[^\s@]+$/.test(hint)) return ensureAccount(ctx.store, ctx.ids, { email: hint });
  }
  return undefined;
}

export { parseScopeParam };
