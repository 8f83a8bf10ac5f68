import fp from 'fastify-plugin';
import { ChatService, localIntentSource, type IntentSource } from '../../assistant/chat-service.ts';
import { LlmIntentSource } from '../../assistant/llm-intent-source.ts';
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
    const llm = options.config.llm;
    const intents =
      options.intents ??
      (llm
        ? new LlmIntentSource(llm, localIntentSource, app.log, async ({ userId, local, now: at }) => {
            // Titles and times only, from the window the message names (or the coming month).
            const range = local.target?.range ?? { start: new Date(at.getTime() - 86_400_000).toISOString(), end: new Date(at.getTime() + 30 * 86_400_000).toISOString() };
            const { items } = await calendar.listEvents(userId, { calendarId: 'primary', from: range.start, to: range.end }).catch(() => ({ items: [] }));
            return items.slice(0, 50).map((e) => ({ title: e.summary ?? '', start: e.start?.dateTime ?? e.start?.date ?? '', end: e.end?.dateTime ?? e.end?.date ?? '' }));
          })
        : localIntentSource);
    app.decorate('services', {
      config: options.config,
      cipher,
      tokens,
      calendar,
      authorization: new GoogleAuthorization(app.db, cipher, options.config, app.log, now),
      chat: new ChatService(app.db, calendar, intents, now),
      proposals: new ProposalExecutor(app.db, calendar, now, options.config.writeRetries),
      now,
    });
  },
  { name: 'services', dependencies: ['database'] },
);
