import formbody from '@fastify/formbody';
import Fastify, { type FastifyInstance, type FastifyRequest } from 'fastify';
import { setTimeout as sleep } from 'node:timers/promises';
import { CallCounters } from './call-counters.ts';
import { CalendarService } from './calendar-service.ts';
import { Clock } from './clock.ts';
import type { EmulatorContext } from './context.ts';
import { EventQuery } from './event-query.ts';
import { FaultInjector, faultError } from './faults.ts';
import { GoogleApiError } from './google-error.ts';
import { IdFactory } from './ids.ts';
import { OAuthError, OAuthService, type OAuthOptions } from './oauth-service.ts';
import { ADMIN_PREFIX, registerAdminRoutes } from './routes/admin.ts';
import { registerCalendarRoutes } from './routes/calendar.ts';
import { bearerToken, registerOAuthRoutes } from './routes/oauth.ts';
import { applySeed, demoSeed, type SeedData } from './seed.ts';
import { SigningKey } from './signing-key.ts';
import { StateFile } from './state-file.ts';
import { WatchChannels } from './watch-channels.ts';
import type { OAuthClientRecord } from './state.ts';
import { EmulatorStore } from './store.ts';

/** The OAuth client every emulator knows, so the demo works with no setup. Loopback redirects on any port, as for Google's desktop clients. */
export const DEMO_CLIENT: OAuthClientRecord = {
  clientId: 'demo-client.apps.googleusercontent.com',
  clientSecret: 'demo-client-secret',
  redirectUris: [],
  allowLoopbackRedirects: true,
};

/** Where Google's own event pages live: htmlLink points there, as Google's does. */
const HTML_BASE = 'https://www.google.com';

export interface GoogleEmulatorOptions {
  /** Redirect at once from the consent screen, as a user clicking "Allow". */
  autoApprove?: boolean;
  /** Seed data; 'demo' (default) loads a realistic week for demo@example.com, 'none' starts empty. */
  seed?: SeedData | 'demo' | 'none';
  /** Persist state to this file and read it back at start. */
  stateFile?: string;
  /** Event ids and subjects from counters instead of random, so tests can name them in advance. */
  deterministicIds?: boolean;
  /** `iss` of id_tokens; defaults to the emulator's own URL. */
  issuer?: string;
  accessTokenLifetimeSec?: number;
  refreshTokenLifetimeSec?: number | null;
  maxRefreshTokensPerGrant?: number;
  revocation?: OAuthOptions['revocation'];
  clients?: OAuthClientRecord[];
  faultSeed?: number;
  /** The demo seed's time zone. */
  timeZone?: string;
  logger?: boolean;
}

export interface GoogleEmulator {
  app: FastifyInstance;
  ctx: EmulatorContext;
  /** Base URL once listening (`http://127.0.0.1:PORT`). */
  readonly url: string;
  listen(port?: number, host?: string): Promise<string>;
  close(): Promise<void>;
}

export async function createGoogleEmulator(options: GoogleEmulatorOptions = {}): Promise<GoogleEmulator> {
  const stateFile = options.stateFile ? new StateFile(options.stateFile) : null;
  const restored = stateFile?.load() ?? null;
  const store = restored ?? new EmulatorStore();
  const clock = new Clock();
  const ids = new IdFactory(options.deterministicIds ?? false, store.idCounter);
  const key = new SigningKey(store.signingKeyPem);
  store.signingKeyPem = key.exportPkcs8();
  const urls = { base: 'http://127.0.0.1' };
  const oauthOptions: OAuthOptions = {
    issuer: options.issuer ?? urls.base,
    accessTokenLifetimeSec: options.accessTokenLifetimeSec ?? 3600,
    refreshTokenLifetimeSec: options.refreshTokenLifetimeSec ?? null,
    authCodeLifetimeSec: 600,
    maxRefreshTokensPerGrant: options.maxRefreshTokensPerGrant ?? 100,
    revocation: options.revocation ?? 'grant',
  };
  const calendars = new CalendarService(store, clock, ids, HTML_BASE);
  const ctx: EmulatorContext = {
    store,
    clock,
    ids,
    key,
    oauth: new OAuthService(store, clock, ids, key, oauthOptions),
    calendars,
    query: new EventQuery(store, clock, HTML_BASE),
    faults: new FaultInjector(options.faultSeed ?? 1),
    counters: new CallCounters(),
    watches: new WatchChannels(() => clock.now()),
    settings: { autoApprove: options.autoApprove ?? false, autoCreateAccounts: options.autoApprove ?? false },
    urls,
  };
  calendars.onChange = (calendarId) => ctx.watches.changed(calendarId);
  for (const c of [DEMO_CLIENT, ...(options.clients ?? [])]) store.clients.set(c.clientId, c);
  if (!restored) {
    const seed = options.seed ?? 'demo';
    if (seed !== 'none') applySeed(store, ids, calendars, seed === 'demo' ? demoSeed(clock.now(), options.timeZone) : seed);
  }
  store.onChange(() => {
    store.idCounter = ids.value;
  });
  if (stateFile) {
    stateFile.watch(store);
    stateFile.save(store);
  }

  const app = Fastify({ logger: options.logger ?? false });
  await app.register(formbody);
  installCallHooks(app, ctx);
  installErrorHandler(app);
  registerOAuthRoutes(app, ctx);
  registerCalendarRoutes(app, ctx);
  registerAdminRoutes(app, ctx);
  const sweep = setInterval(() => ctx.oauth.sweep(), 60_000);
  sweep.unref();
  app.addHook('onClose', async () => {
    clearInterval(sweep);
    if (stateFile) stateFile.save(store);
  });

  let listening = '';
  return {
    app,
    ctx,
    get url() {
      return listening;
    },
    async listen(port = 0, host = '127.0.0.1') {
      await app.listen({ port, host });
      const address = app.server.address();
      const actualPort = typeof address === 'object' && address ? address.port : port;
      listening = `http://${host.includes(':') ? `[${host}]` : host}:${actualPort}`;
      urls.base = listening;
      if (!options.issuer) oauthOptions.issuer = listening;
      return listening;
    },
    async close() {
      await app.close();
    },
  };
}

/** Counts every call and lets fault rules answer in Google's place, before the real handler runs. */
function installCallHooks(app: FastifyInstance, ctx: EmulatorContext): void {
  app.addHook('preHandler', async (request, reply) => {
    const operation = request.routeOptions.config.operation;
    if (!operation || request.url.startsWith(ADMIN_PREFIX)) return;
    const account = callerAccount(ctx, request, operation);
    ctx.counters.record(operation, account);
    const rule = ctx.faults.pick({ method: request.method, path: request.url, operation, account });
    if (!rule) return;
    if (rule.kind === 'slow') {
      await sleep(rule.delayMs ?? 1000);
      return;
    }
    if (rule.kind === 'drop') {
      reply.hijack();
      request.raw.socket.destroy();
      return reply;
    }
    const status = rule.status!;
    const { reason, message } = faultError(status, rule.reason);
    const error = new GoogleApiError(status, reason, message);
    if (rule.retryAfterSec !== undefined) void reply.header('retry-after', String(rule.retryAfterSec));
    if (operation.startsWith('oauth.token')) return reply.code(status).send({ error: status >= 500 ? 'internal_failure' : reason, error_description: message });
    return reply.code(status).send(error.toJSON());
  });
}

function callerAccount(ctx: EmulatorContext, request: FastifyRequest, operation: string): string | null {
  let sub: string | undefined;
  if (operation === 'oauth.token') {
    const body = (request.body ?? {}) as Record<string, string | undefined>;
    if (body.refresh_token) sub = ctx.store.refreshTokens.get(body.refresh_token)?.sub;
    else if (body.code) sub = ctx.store.authCodes.get(body.code)?.sub;
  } else {
    const token = bearerToken(request.headers.authorization, request.query);
    if (token) sub = ctx.store.accessTokens.get(token)?.sub;
  }
  return sub ? (ctx.store.accounts.get(sub)?.email ?? null) : null;
}

function installErrorHandler(app: FastifyInstance): void {
  app.setErrorHandler((error, request, reply) => {
    if (error instanceof GoogleApiError) {
      for (const [k, v] of Object.entries(error.headers)) void reply.header(k, v);
      return reply.code(error.code).send(error.toJSON());
    }
    if (error instanceof OAuthError) return reply.code(error.status).send(error.toJSON());
    const status = (error as { statusCode?: number }).statusCode;
    if (status && status >= 400 && status < 500) {
      const message = (error as { code?: string }).code === 'FST_ERR_CTP_INVALID_JSON_BODY' ? 'Invalid JSON payload received.' : (error as Error).message;
      return reply.code(400).send(new GoogleApiError(400, 'parseError', message).toJSON());
    }
    request.log.error({ err: error }, 'emulator error');
    return reply.code(500).send(new GoogleApiError(500, 'backendError', 'Backend Error').toJSON());
  });
  app.setNotFoundHandler((request, reply) =>
    reply.code(404).send(new GoogleApiError(404, 'notFound', `Not Found: ${request.method} ${request.url.split('?')[0]}`).toJSON()),
  );
}
