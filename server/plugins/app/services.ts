import fp from 'fastify-plugin';
import { ChatService, localIntentSource, type IntentSource } from '../../assistant/chat-service.ts';
import { ProposalExecutor } from '../../assistant/proposal-executor.ts';
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
  chat: ChatService;
  proposals: ProposalExecutor;
  now: () => number;
}

declare module 'fastify' {
  interface FastifyInstance {
    services: Services;
  }
}

/** Our own services, built once per app on top of the database. */
export default fp(
  async (app, options: { config: Config; now?: () => number; retryPolicy?: RetryPolicy; intents?: IntentSource }) => {
    const now = options.now ?? Date.now;
    const cipher = new TokenCipher(options.config.encryption);
    const tokens = new GoogleTokens(app.db, cipher, options.config.google, app.log, now);
    const calendar = new CalendarGateway(tokens, options.config.google, options.retryPolicy, now);
    app.decorate('services', {
      config: options.config,
      cipher,
      tokens,
      calendar,
      authorization: new GoogleAuthorization(app.db, cipher, options.config, app.log, now),
      chat: new ChatService(app.db, calendar, options.intents ?? localIntentSource, now),
      proposals: new ProposalExecutor(app.db, calendar, now),
      now,
    });
  },
  { name: 'services', dependencies: ['database'] },
);
