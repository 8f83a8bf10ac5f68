import { readFileSync } from 'node:fs';
import { DateTime } from 'luxon';
import { z } from 'zod';
import { ensureAccount } from './accounts.ts';
import type { CalendarService } from './calendar-service.ts';
import type { IdFactory } from './ids.ts';
import type { EmulatorStore } from './store.ts';

/** `--seed FILE`: accounts, their calendars and events, and OAuth clients, as JSON. */
export const seedSchema = z.object({
  clients: z
    .array(
      z.object({
        clientId: z.string().min(1),
        clientSecret: z.string().min(1),
        redirectUris: z.array(z.string()).default([]),
        allowLoopbackRedirects: z.boolean().default(false),
      }),
    )
    .default([]),
  accounts: z
    .array(
      z.object({
        email: z.string().email(),
        name: z.string().optional(),
        sub: z.string().optional(),
        emailVerified: z.boolean().optional(),
        timeZone: z.string().optional(),
        calendars: z.array(z.object({ id: z.string().optional(), summary: z.string() })).optional(),
        /** Event resources as the Calendar API takes them; `calendarId` defaults to "primary". */
        events: z.array(z.record(z.string(), z.unknown())).default([]),
      }),
    )
    .default([]),
});

export type SeedData = z.input<typeof seedSchema>;

export function readSeedFile(path: string): SeedData {
  const parsed = seedSchema.safeParse(JSON.parse(readFileSync(path, 'utf8')));
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new Error(`${path}: ${issue.path.join('.')}: ${issue.message}`);
  }
  return parsed.data;
}

export function applySeed(store: EmulatorStore, ids: IdFactory, calendars: CalendarService, data: SeedData): void {
  const seed = seedSchema.parse(data);
  for (const c of seed.clients) store.clients.set(c.clientId, c);
  for (const a of seed.accounts) {
    const account = ensureAccount(store, ids, a);
    for (const { calendarId, ...event } of a.events) {
      calendars.insert(account, calendarIdFor(store, account.sub, calendarId), event);
    }
  }
  store.touch();
}

/** A seed may name a calendar by id or, for readability, by its summary ("Family"). */
function calendarIdFor(store: EmulatorStore, sub: string, wanted: unknown): string {
  if (typeof wanted !== 'string' || wanted === 'primary') return 'primary';
  const owned = store.calendarsOwnedBy(sub);
  return (owned.find((c) => c.id === wanted) ?? owned.find((c) => c.summary.toLowerCase() === wanted.toLowerCase()))?.id ?? wanted;
}

export const DEMO_EMAIL = 'demo@example.com';

/** A realistic week around `now` for the demo account, in its own zone: what a new user sees first. */
export function demoSeed(now: number, timeZone = 'Europe/Berlin'): SeedData {
  const monday = DateTime.fromMillis(now, { zone: timeZone }).startOf('week');
  const at = (day: number, hour: number, minute = 0) =>
    monday.plus({ days: day }).set({ hour, minute }).toISO({ suppressMilliseconds: true })!;
  const timed = (day: number, h: number, m: number, durationMin: number) => ({
    start: { dateTime: at(day, h, m), timeZone },
    end: { dateTime: DateTime.fromISO(at(day, h, m)).plus({ minutes: durationMin }).setZone(timeZone).toISO({ suppressMilliseconds: true })!, timeZone },
  });
  const date = (day: number) => monday.plus({ days: day }).toISODate()!;
  return {
    accounts: [
      {
        email: DEMO_EMAIL,
        name: 'Demo User',
        timeZone,
        calendars: [{ summary: 'Family' }],
        events: [
          {
            summary: 'Team standup',
            ...timed(-21, 9, 30, 15),
            recurrence: ['RRULE:FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR'],
            location: 'Meet',
            attendees: [{ email: DEMO_EMAIL }, { email: 'anna@example.com', displayName: 'Anna Berg' }, { email: 'ben@example.com' }],
          },
          { summary: '1:1 with Carla', ...timed(-6, 14, 0, 30), recurrence: ['RRULE:FREQ=WEEKLY;BYDAY=TU'], attendees: [{ email: 'carla@example.com' }] },
          { summary: 'Focus time', ...timed(0, 14, 0, 120), description: 'No meetings, please.' },
          {
            summary: 'Project kickoff',
            ...timed(2, 11, 0, 60),
            location: 'Room Ada, 3rd floor',
            description: 'Agenda: goals, milestones, owners.',
            attendees: [{ email: 'anna@example.com', displayName: 'Anna Berg' }, { email: 'ben@example.com' }, { email: 'dana@partner.example' }],
          },
          { summary: 'Lunch with Anna', ...timed(3, 12, 30, 60), location: 'Café Linde', attendees: [{ email: 'anna@example.com' }] },
          { summary: 'Dentist', ...timed(4, 8, 0, 45), location: 'Dr. Weiss, Hauptstr. 5' },
          { summary: 'Team offsite', start: { date: date(7) }, end: { date: date(9) }, location: 'Lake house' },
          { calendarId: 'family', summary: "Kids' football", ...timed(5, 10, 0, 90) },
        ],
      },
      {
        email: 'colleague@example.com',
        name: 'Casey Colleague',
        timeZone: 'America/New_York',
        events: [{ summary: 'Private: job interview', ...timed(2, 16, 0, 60) }],
      },
    ],
  };
}
