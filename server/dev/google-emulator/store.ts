import type {
  Account,
  AccessTokenRecord,
  AuthCodeRecord,
  CalendarRecord,
  EmulatorState,
  GrantRecord,
  OAuthClientRecord,
  RefreshTokenRecord,
  StoredEvent,
} from './state.ts';
import { emptyState } from './state.ts';

/**
 * Indexed, in-memory home of the emulator's state. Every mutation goes through
 * here and calls `touch()`, which the persistence layer listens to.
 */
export class EmulatorStore {
  readonly accounts = new Map<string, Account>(); // by sub
  readonly clients = new Map<string, OAuthClientRecord>();
  readonly grants = new Map<string, GrantRecord>(); // `${clientId} ${sub}`
  readonly refreshTokens = new Map<string, RefreshTokenRecord>();
  readonly accessTokens = new Map<string, AccessTokenRecord>();
  readonly authCodes = new Map<string, AuthCodeRecord>();
  readonly calendars = new Map<string, CalendarRecord>();
  /** calendarId → eventId → event (instance exceptions are stored under their instance id). */
  readonly events = new Map<string, Map<string, StoredEvent>>();
  signingKeyPem: string | null = null;
  idCounter = 0;
  etagCounter = 0;
  private createdOrder = 0;
  private listeners: Array<() => void> = [];

  static fromState(state: EmulatorState): EmulatorStore {
    const store = new EmulatorStore();
    for (const a of state.accounts) store.accounts.set(a.sub, a);
    for (const c of state.clients) store.clients.set(c.clientId, c);
    for (const g of state.grants) store.grants.set(grantKey(g.clientId, g.sub), g);
    for (const t of state.refreshTokens) store.refreshTokens.set(t.token, t);
    for (const t of state.accessTokens) store.accessTokens.set(t.token, t);
    for (const c of state.authCodes) store.authCodes.set(c.code, c);
    for (const c of state.calendars) store.calendars.set(c.id, c);
    for (const e of state.events) {
      store.eventsOf(e.calendarId).set(e.resource.id, e);
      store.createdOrder = Math.max(store.createdOrder, e.createdOrder);
    }
    store.signingKeyPem = state.signingKeyPem;
    store.idCounter = state.idCounter;
    store.etagCounter = state.etagCounter;
    return store;
  }

  toState(): EmulatorState {
    const state = emptyState();
    state.accounts = [...this.accounts.values()];
    state.clients = [...this.clients.values()];
    state.grants = [...this.grants.values()];
    state.refreshTokens = [...this.refreshTokens.values()];
    state.accessTokens = [...this.accessTokens.values()];
    state.authCodes = [...this.authCodes.values()];
    state.calendars = [...this.calendars.values()];
    state.events = [...this.events.values()].flatMap((m) => [...m.values()]);
    state.signingKeyPem = this.signingKeyPem;
    state.idCounter = this.idCounter;
    state.etagCounter = this.etagCounter;
    return state;
  }

  onChange(listener: () => void): void {
    this.listeners.push(listener);
  }

  touch(): void {
    for (const l of this.listeners) l();
  }

  accountByEmail(email: string): Account | undefined {
    const wanted = email.toLowerCase();
    for (const a of this.accounts.values()) if (a.email.toLowerCase() === wanted) return a;
    return undefined;
  }

  eventsOf(calendarId: string): Map<string, StoredEvent> {
    let map = this.events.get(calendarId);
    if (!map) {
      map = new Map();
      this.events.set(calendarId, map);
    }
    return map;
  }

  nextCreatedOrder(): number {
    return ++this.createdOrder;
  }

  calendarsOwnedBy(sub: string): CalendarRecord[] {
    return [...this.calendars.values()].filter((c) => c.ownerSub === sub);
  }
}

export function grantKey(clientId: string, sub: string): string {
  return `${clientId} ${sub}`;
}
