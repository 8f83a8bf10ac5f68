import { z } from 'zod';

declare const __COMPANION_URL__: string;

/** The user's preferences (options page). Stored in storage.local; never a secret. */
/** An extension is built for one companion; the web dashboard is served by it, so it uses its own origin. */
const defaultCompanion = typeof __COMPANION_URL__ === 'string' && __COMPANION_URL__ ? __COMPANION_URL__ : typeof location !== 'undefined' && location.protocol.startsWith('http') ? location.origin : 'http://127.0.0.1:8787';

export const settingsSchema = z.object({
  companionUrl: z.string().url().default(defaultCompanion),
  workStart: z.string().regex(/^\d{2}:\d{2}$/).default('09:00'),
  workEnd: z.string().regex(/^\d{2}:\d{2}$/).default('17:00'),
  eventMinutes: z.number().int().min(5).max(1440).default(60),
  availabilityMinutes: z.number().int().min(5).max(1440).default(30),
  timeZone: z.string().default(''),
  language: z.string().default(''),
  calendarId: z.string().default('primary'),
  /**
   * How often an open side panel or dashboard asks the companion what changed (it also asks on focus). The
   * companion's own sync with Google runs every minute by default, so polling much faster buys little.
   */
  feedPollSeconds: z.number().int().min(5).max(600).default(20),
  /** Keep the API token only until the browser closes (storage.session). */
  forgetOnClose: z.boolean().default(false),
});
export type Settings = z.infer<typeof settingsSchema>;

export async function loadSettings(): Promise<Settings> {
  const stored = await browser.storage.local.get('settings');
  const parsed = settingsSchema.safeParse(stored.settings ?? {});
  return parsed.success ? parsed.data : settingsSchema.parse({});
}

export async function saveSettings(patch: Partial<Settings>): Promise<Settings> {
  const next = settingsSchema.parse({ ...(await loadSettings()), ...patch });
  await browser.storage.local.set({ settings: next });
  return next;
}

export function userTimeZone(settings: Settings): string {
  return settings.timeZone || Intl.DateTimeFormat().resolvedOptions().timeZone;
}
