/** Google answers with the long form of the OpenID shorthand scopes; tokens carry the long form. */
const LONG_FORM: Record<string, string> = {
  email: 'https://www.googleapis.com/auth/userinfo.email',
  profile: 'https://www.googleapis.com/auth/userinfo.profile',
};

export const CALENDAR = 'https://www.googleapis.com/auth/calendar';
export const CALENDAR_READONLY = 'https://www.googleapis.com/auth/calendar.readonly';
export const CALENDAR_EVENTS = 'https://www.googleapis.com/auth/calendar.events';
export const CALENDAR_EVENTS_READONLY = 'https://www.googleapis.com/auth/calendar.events.readonly';

export const SCOPES_FOR = {
  readEvents: [CALENDAR, CALENDAR_READONLY, CALENDAR_EVENTS, CALENDAR_EVENTS_READONLY],
  writeEvents: [CALENDAR, CALENDAR_EVENTS],
  calendarList: [
    CALENDAR,
    CALENDAR_READONLY,
    'https://www.googleapis.com/auth/calendar.calendarlist',
    'https://www.googleapis.com/auth/calendar.calendarlist.readonly',
  ],
  freeBusy: [
    CALENDAR,
    CALENDAR_READONLY,
    CALENDAR_EVENTS,
    CALENDAR_EVENTS_READONLY,
    'https://www.googleapis.com/auth/calendar.freebusy',
    'https://www.googleapis.com/auth/calendar.events.freebusy',
  ],
  email: [LONG_FORM.email!, 'email'],
  profile: [LONG_FORM.profile!, 'profile'],
} as const;

export function normalizeScopes(scopes: Iterable<string>): string[] {
  const out = new Set<string>();
  for (const s of scopes) if (s) out.add(LONG_FORM[s] ?? s);
  return [...out];
}

export function parseScopeParam(value: string | undefined): string[] {
  return normalizeScopes((value ?? '').split(/[\s+]+/).filter(Boolean));
}

export function hasAnyScope(granted: readonly string[], accepted: readonly string[]): boolean {
  return accepted.some((s) => granted.includes(s));
}

/** Scopes a user may untick on Google's granular consent screen; sign-in scopes are always granted. */
export function isOptionalScope(scope: string): boolean {
  return scope !== 'openid' && scope !== LONG_FORM.email && scope !== LONG_FORM.profile;
}
