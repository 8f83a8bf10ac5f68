import { OAuth2Client } from 'google-auth-library';
import type { Config } from '../config.ts';

/** google-auth-library's client, aimed at Google or at the emulator by configuration alone. */
export function createOAuthClient(google: Config['google'], redirectUri?: string): OAuth2Client {
  const e = google.endpoints;
  return new OAuth2Client({
    clientId: google.clientId,
    clientSecret: google.clientSecret,
    ...(redirectUri ? { redirectUri } : {}),
    endpoints: {
      oauth2AuthBaseUrl: e.authUrl,
      oauth2TokenUrl: e.tokenUrl,
      oauth2RevokeUrl: e.revokeUrl,
      oauth2FederatedSignonPemCertsUrl: e.pemCertsUrl,
      oauth2FederatedSignonJwkCertsUrl: e.jwkCertsUrl,
    },
    issuers: e.issuers,
    // Token, certificate and revocation calls get the same timeout as Calendar calls.
    transporterOptions: { timeout: google.timeoutMs },
  });
}

export const SIGN_IN_SCOPES = ['openid', 'email', 'profile'];
export const CALENDAR_SCOPES = ['https://www.googleapis.com/auth/calendar.events', 'https://www.googleapis.com/auth/calendar.readonly'];
/** Without this one nothing works; calendar.readonly only adds the calendar list. */
export const REQUIRED_CALENDAR_SCOPE = 'https://www.googleapis.com/auth/calendar.events';

export function isInvalidGrant(error: unknown): boolean {
  const e = error as { message?: string; response?: { data?: { error?: string } } };
  return e?.response?.data?.error === 'invalid_grant' || e?.message === 'invalid_grant';
}
