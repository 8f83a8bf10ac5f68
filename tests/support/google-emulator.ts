import { createHash, randomBytes } from 'node:crypto';
import type { calendar_v3} from '@googleapis/calendar';
import { calendar } from '@googleapis/calendar';
import { OAuth2Client } from 'google-auth-library';
import { createGoogleEmulator, DEMO_CLIENT, type GoogleEmulator, type GoogleEmulatorOptions } from '../../server/dev/google-emulator/app.ts';

export const CALENDAR_EVENTS_SCOPE = 'https://www.googleapis.com/auth/calendar.events';
export const CALENDAR_READONLY_SCOPE = 'https://www.googleapis.com/auth/calendar.readonly';
export const REDIRECT_URI = 'http://127.0.0.1:53682/callback';

/** An emulator listening on a free loopback port, as tests and the demo use it. */
export async function startEmulator(options: GoogleEmulatorOptions = {}): Promise<GoogleEmulator> {
  const emulator = await createGoogleEmulator({ autoApprove: true, seed: 'none', deterministicIds: true, ...options });
  await emulator.listen(0);
  return emulator;
}

/** google-auth-library's OAuth2Client aimed at the emulator: only endpoints and issuers differ from production. */
export function oauthClientFor(emulator: GoogleEmulator, overrides: { clientId?: string; clientSecret?: string } = {}): OAuth2Client {
  const base = emulator.url;
  return new OAuth2Client({
    clientId: overrides.clientId ?? DEMO_CLIENT.clientId,
    clientSecret: overrides.clientSecret ?? DEMO_CLIENT.clientSecret,
    redirectUri: REDIRECT_URI,
    endpoints: {
      oauth2AuthBaseUrl: `${base}/o/oauth2/v2/auth`,
      oauth2TokenUrl: `${base}/token`,
      oauth2RevokeUrl: `${base}/revoke`,
      tokenInfoUrl: `${base}/tokeninfo`,
      oauth2FederatedSignonPemCertsUrl: `${base}/oauth2/v1/certs`,
      oauth2FederatedSignonJwkCertsUrl: `${base}/oauth2/v3/certs`,
    },
    issuers: [base],
  });
}

export function calendarClientFor(emulator: GoogleEmulator, auth: OAuth2Client): calendar_v3.Calendar {
  return calendar({ version: 'v3', auth, rootUrl: `${emulator.url}/`, retry: false });
}

export interface Pkce {
  verifier: string;
  challenge: string;
}

export function makePkce(): Pkce {
  const verifier = randomBytes(32).toString('base64url');
  return { verifier, challenge: createHash('sha256').update(verifier).digest('base64url') };
}

export interface AuthorizeOptions {
  email: string;
  scopes?: string[];
  accessType?: 'online' | 'offline';
  prompt?: string;
  pkce?: Pkce | null;
  nonce?: string;
  includeGrantedScopes?: boolean;
}

/** Follows the consent redirect of an auto-approving emulator and returns the code Google would hand the app. */
export async function authorize(emulator: GoogleEmulator, client: OAuth2Client, options: AuthorizeOptions): Promise<{ code: string; state: string; scope: string }> {
  const state = randomBytes(8).toString('hex');
  const pkce = options.pkce === undefined ? makePkce() : options.pkce;
  const url = client.generateAuthUrl({
    scope: options.scopes ?? ['openid', 'email', 'profile', CALENDAR_EVENTS_SCOPE],
    access_type: options.accessType ?? 'offline',
    ...(options.prompt ? { prompt: options.prompt } : {}),
    state,
    login_hint: options.email,
    ...(options.nonce ? { nonce: options.nonce } : {}),
    ...(options.includeGrantedScopes ? { include_granted_scopes: true } : {}),
    ...(pkce ? { code_challenge: pkce.challenge, code_challenge_method: 'S256' as never } : {}),
  });
  const response = await fetch(url, { redirect: 'manual' });
  const location = response.headers.get('location');
  if (response.status !== 302 || !location) throw new Error(`consent did not redirect: ${response.status} ${await response.text()}`);
  const params = new URL(location).searchParams;
  if (params.get('error')) throw new Error(`consent error: ${params.get('error')}`);
  return { code: params.get('code')!, state: params.get('state')!, scope: params.get('scope') ?? '' };
}

/** Signs `email` in through the full code + PKCE flow and returns an authorised OAuth2Client. */
export async function signIn(emulator: GoogleEmulator, email: string, options: Partial<AuthorizeOptions> = {}): Promise<OAuth2Client> {
  const client = oauthClientFor(emulator);
  const pkce = makePkce();
  const { code } = await authorize(emulator, client, { email, pkce, ...options });
  const { tokens } = await client.getToken({ code, codeVerifier: pkce.verifier });
  client.setCredentials(tokens);
  return client;
}
