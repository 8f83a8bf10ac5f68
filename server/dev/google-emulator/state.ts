/**
 * The emulator's whole state as plain data, so it can be written to a file
 * (`--state FILE`) and read back: the demo survives a restart.
 */
export interface Account {
  sub: string;
  email: string;
  emailVerified: boolean;
  name: string;
  givenName: string;
  familyName: string;
  picture: string;
  timeZone: string;
}

export interface OAuthClientRecord {
  clientId: string;
  clientSecret: string;
  /** Exact redirect URIs; loopback URIs on any port are accepted when allowLoopback is set, as for Google's desktop clients. */
  redirectUris: string[];
  allowLoopbackRedirects: boolean;
}

/** What one user has granted one client: Google remembers it to decide whether a refresh token is issued. */
export interface GrantRecord {
  clientId: string;
  sub: string;
  scopes: string[];
}

export interface RefreshTokenRecord {
  token: string;
  clientId: string;
  sub: string;
  scopes: string[];
  issuedAt: number;
  expiresAt: number | null;
  revoked: boolean;
}

export interface AccessTokenRecord {
  token: string;
  clientId: string;
  sub: string;
  scopes: string[];
  expiresAt: number;
  refreshToken: string | null;
  revoked: boolean;
}

export interface AuthCodeRecord {
  code: string;
  clientId: string;
  redirectUri: string;
  sub: string;
  scopes: string[];
  nonce: string | null;
  codeChallenge: string | null;
  codeChallengeMethod: 'S256' | 'plain' | null;
  issueRefreshToken: boolean;
  expiresAt: number;
  used: boolean;
}

export interface CalendarRecord {
  id: string;
  ownerSub: string;
  summary: string;
  description: string;
  timeZone: string;
  primary: boolean;
  colorId: string;
  backgroundColor: string;
  foregroundColor: string;
  /** Bumped by every change to an event; sync tokens name the value they were issued at. */
  changeSeq: number;
  /** Bumped to invalidate every outstanding sync token (Google's 410 GONE). */
  syncEpoch: number;
}

/** A Calendar API event resource as stored: Google's field names, plus bookkeeping. */
export interface StoredEvent {
  calendarId: string;
  resource: EventResource;
  changeSeq: number;
  createdOrder: number;
}

export interface EventDateTime {
  date?: string;
  dateTime?: string;
  timeZone?: string;
}

export interface Attendee {
  email: string;
  displayName?: string;
  responseStatus?: string;
  optional?: boolean;
  organizer?: boolean;
  self?: boolean;
  comment?: string;
  additionalGuests?: number;
  resource?: boolean;
}

export interface EventResource {
  kind: 'calendar#event';
  etag: string;
  id: string;
  status: 'confirmed' | 'tentative' | 'cancelled';
  htmlLink: string;
  created: string;
  updated: string;
  summary?: string;
  description?: string;
  location?: string;
  colorId?: string;
  creator: { email: string; self?: boolean };
  organizer: { email: string; self?: boolean; displayName?: string };
  start: EventDateTime;
  end: EventDateTime;
  endTimeUnspecified?: boolean;
  recurrence?: string[];
  recurringEventId?: string;
  originalStartTime?: EventDateTime;
  transparency?: 'opaque' | 'transparent';
  visibility?: string;
  iCalUID: string;
  sequence: number;
  attendees?: Attendee[];
  reminders: { useDefault: boolean; overrides?: Array<{ method: string; minutes: number }> };
  eventType: string;
  extendedProperties?: { private?: Record<string, string>; shared?: Record<string, string> };
  [extra: string]: unknown;
}

export interface EmulatorState {
  version: 1;
  accounts: Account[];
  clients: OAuthClientRecord[];
  grants: GrantRecord[];
  refreshTokens: RefreshTokenRecord[];
  accessTokens: AccessTokenRecord[];
  authCodes: AuthCodeRecord[];
  calendars: CalendarRecord[];
  events: StoredEvent[];
  /** PKCS#8 PEM of the id_token signing key, kept so tokens verify across restarts. */
  signingKeyPem: string | null;
  idCounter: number;
  etagCounter: number;
}

export function emptyState(): EmulatorState {
  return {
    version: 1,
    accounts: [],
    clients: [],
    grants: [],
    refreshTokens: [],
    accessTokens: [],
    authCodes: [],
    calendars: [],
    events: [],
    signingKeyPem: null,
    idCounter: 0,
    etagCounter: 0,
  };
}
