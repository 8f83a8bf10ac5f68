import { createHash } from 'node:crypto';
import type { IdFactory } from './ids.ts';
import type { Account, CalendarRecord } from './state.ts';
import type { EmulatorStore } from './store.ts';

export interface AccountInput {
  email: string;
  name?: string;
  sub?: string;
  emailVerified?: boolean;
  timeZone?: string;
  /** Secondary calendars the account owns besides its primary one. */
  calendars?: Array<{ id?: string; summary: string; colorId?: string; backgroundColor?: string }>;
}

const PALETTE = [
  { colorId: '14', backgroundColor: '#9fe1e7' },
  { colorId: '9', backgroundColor: '#7bd148' },
  { colorId: '4', backgroundColor: '#fa573c' },
  { colorId: '16', backgroundColor: '#4986e7' },
];

/** Adds an account with its primary calendar (id = email, as Google does); returns the existing one if present. */
export function ensureAccount(store: EmulatorStore, ids: IdFactory, input: AccountInput): Account {
  const existing = store.accountByEmail(input.email);
  if (existing) return existing;
  const email = input.email.toLowerCase();
  const name = input.name ?? nameFromEmail(email);
  const [givenName = name, ...rest] = name.split(' ');
  const account: Account = {
    sub: input.sub ?? ids.subject(),
    email,
    emailVerified: input.emailVerified ?? true,
    name,
    givenName,
    familyName: rest.join(' '),
    picture: `https://lh3.googleusercontent.com/a/${createHash('md5').update(email).digest('hex')}`,
    timeZone: input.timeZone ?? 'UTC',
  };
  store.accounts.set(account.sub, account);
  addCalendar(store, account, { id: email, summary: email, primary: true, ...PALETTE[0]! });
  (input.calendars ?? []).forEach((c, i) => {
    const colours = PALETTE[(i + 1) % PALETTE.length]!;
    addCalendar(store, account, {
      id: c.id ?? `${createHash('sha1').update(`${email}/${c.summary}`).digest('hex').slice(0, 26)}@group.calendar.google.com`,
      summary: c.summary,
      primary: false,
      colorId: c.colorId ?? colours.colorId,
      backgroundColor: c.backgroundColor ?? colours.backgroundColor,
    });
  });
  store.touch();
  return account;
}

function addCalendar(
  store: EmulatorStore,
  account: Account,
  c: { id: string; summary: string; primary: boolean; colorId: string; backgroundColor: string },
): CalendarRecord {
  const record: CalendarRecord = {
    id: c.id,
    ownerSub: account.sub,
    summary: c.summary,
    description: '',
    timeZone: account.timeZone,
    primary: c.primary,
    colorId: c.colorId,
    backgroundColor: c.backgroundColor,
    foregroundColor: '#000000',
    changeSeq: 0,
    syncEpoch: 1,
  };
  store.calendars.set(record.id, record);
  return record;
}

function nameFromEmail(email: string): string {
  return email
    .split('@')[0]!
    .split(/[._-]+/)
    .filter(Boolean)
    .map((w) => w[0]!.toUpperCase() + w.slice(1))
    .join(' ');
}
