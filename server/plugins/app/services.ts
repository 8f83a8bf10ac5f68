import fp from 'fastify-plugin';
import { GoogleAuthorization } from '../../auth/google-authorization.ts';
import type { Config } from '../../config.ts';
import { CalendarGateway } from '../../google/calendar-gateway.ts';
import type { RetryPolicy } from '../../google/call-with-retries.ts';
import { GoogleTokens } from '../../google/token-service.ts';
import { TokenCipher } from '../../token-cipher.ts';

export interface Services {
  config: Config;
  cipher: TokenCipher;
  tokens: GoogleTokens;
  calendar: CalendarGateway;
  authorization: GoogleAuthorization;
  now: () => number;
}

declare module 'fastify' {
  interface FastifyInstance {
    services: Services;
  }
}

/** Our own services, built once per app on top of the database. */
export default fp(
  async (app, options: { config: Config; now?: () => number; retryPolicy?: RetryPolicy }) => {
    const now = options.now ?? Date.now;
    const cipher = new TokenCipher(options.config.encryption);
    const tokens = new GoogleTokens(app.db, cipher, options.config.google, app.log, now);
    app.decorate('services', {
      config: options.config,
      cipher,
      tokens,
      calendar: new CalendarGateway(tokens, options.config.google, options.retryPolicy, now),
      authorization: new GoogleAuthorization(app.db, cipher, options.config, app.log, now),
      now,
    });
  },
  { name: 'services', dependencies: ['database'] },
);
