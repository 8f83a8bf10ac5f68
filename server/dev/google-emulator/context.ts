import type { CallCounters } from './call-counters.ts';
import type { CalendarService } from './calendar-service.ts';
import type { Clock } from './clock.ts';
import type { EventQuery } from './event-query.ts';
import type { FaultInjector } from './faults.ts';
import type { IdFactory } from './ids.ts';
import type { OAuthService } from './oauth-service.ts';
import type { SigningKey } from './signing-key.ts';
import type { WatchChannels } from './watch-channels.ts';
import type { EmulatorStore } from './store.ts';

/** Everything the emulator's routes share. `baseUrl` is known only once the server listens. */
export interface EmulatorContext {
  store: EmulatorStore;
  clock: Clock;
  ids: IdFactory;
  key: SigningKey;
  oauth: OAuthService;
  calendars: CalendarService;
  query: EventQuery;
  faults: FaultInjector;
  counters: CallCounters;
  watches: WatchChannels;
  settings: {
    autoApprove: boolean;
    /** With auto-approve, a login_hint naming an unknown email creates that account (load tests sign in many users). */
    autoCreateAccounts: boolean;
  };
  urls: { base: string };
}

declare module 'fastify' {
  interface FastifyContextConfig {
    /** The Google API method a route implements, as counted and matched by fault rules. */
    operation?: string;
  }
}
