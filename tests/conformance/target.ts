import { randomBytes } from 'node:crypto';
import { calendar, type calendar_v3 } from '@googleapis/calendar';
import { OAuth2Client } from 'google-auth-library';
import type { GoogleEmulator } from '../../server/dev/google-emulator/app.ts';
import { CALENDAR_EVENTS_SCOPE, CALENDAR_READONLY_SCOPE, calendarClientFor, signIn, startEmulator } from '../support/google-emulator.ts';

/**
 * Where the conformance suite runs: the local emulator always, and real Google
 * too when a test account's credentials are in the environment. The same
 * assertions run against both, which is what keeps the emulator honest.
 */
export interface ConformanceTarget {
  name: 'emulator' | 'google';
  cal: calendar_v3.Calendar;
  calendarId: string;
  emulator?: GoogleEmulator;
  /** A Calendar client that presents this access token instead of the signed-in user's. */
  withToken(accessToken: string): calendar_v3.Calendar;
  /** A fresh event id in Google's alphabet, unique to this run. */
  eventId(): string;
  /** Remembers an event to delete when the suite ends (matters on a real account). */
  track(id: string): void;
  close(): Promise<void>;
}

export const REAL_GOOGLE_ENV = ['GOOGLE_TEST_CLIENT_ID', 'GOOGLE_TEST_CLIENT_SECRET', 'GOOGLE_TEST_REFRESH_TOKEN'] as const;

export function realGoogleConfigured(): boolean {
  return REAL_GOOGLE_ENV.every((k) => Boolean(process.env[k]));
}

const runTag = randomBytes(5).toString('hex').replace(/[^a-v0-9]/g, '0');
let counter = 0;
const eventId = () => `conf${runTag}${(++counter).toString(32).padStart(4, '0')}`;

export async function emulatorTarget(): Promise<ConformanceTarget> {
  const emulator = await startEmulator({ deterministicIds: false });
  const auth = await signIn(emulator, 'conformance@example.com', { scopes: ['openid', 'email', CALENDAR_EVENTS_SCOPE, CALENDAR_READONLY_SCOPE] });
  return {
    name: 'emulator',
    cal: calendarClientFor(emulator, auth),
    withToken: (accessToken) => calendarClientFor(emulator, bearerOnly(accessToken)),
    calendarId: 'primary',
    emulator,
    eventId,
    track: () => undefined,
    close: () => emulator.close(),
  };
}

export async function googleTarget(): Promise<ConformanceTarget> {
  const auth = new OAuth2Client({ clientId: process.env.GOOGLE_TEST_CLIENT_ID, clientSecret: process.env.GOOGLE_TEST_CLIENT_SECRET });
  auth.setCredentials({ refresh_token: process.env.GOOGLE_TEST_REFRESH_TOKEN });
  const cal = calendar({ version: 'v3', auth, retry: false });
  const created: string[] = [];
  return {
    name: 'google',
    cal,
    withToken: (accessToken) => calendar({ version: 'v3', auth: bearerOnly(accessToken), retry: false }),
    calendarId: 'primary',
    eventId,
    track: (id) => created.push(id),
    async close() {
      for (const id of created) await cal.events.delete({ calendarId: 'primary', eventId: id }).catch(() => undefined);
    },
  };
}

function bearerOnly(accessToken: string): OAuth2Client {
  const auth = new OAuth2Client();
  auth.setCredentials({ access_token: accessToken, expiry_date: Date.now() + 3_600_000 });
  return auth;
}
