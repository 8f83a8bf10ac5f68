import { z } from 'zod';

/**
 * The assistant's contract: what a message means, precise enough to check and
 * to turn into a proposal. Instants are ISO 8601 with offset; all-day dates
 * are YYYY-MM-DD with an exclusive end, as Google has them; recurrence is RFC
 * 5545 RRULE lines. `evidence` ties each filled slot to the text it came from.
 */
const instant = z.string().datetime({ offset: true });
const date = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);
const range = z.object({ start: instant, end: instant });

export const intentNames = ['create_event', 'modify_event', 'cancel_event', 'show_availability', 'list_events', 'unknown'] as const;
export type IntentName = (typeof intentNames)[number];

export const languageCodes = ['en', 'de', 'fr', 'es', 'pt', 'nl', 'ja'] as const;
export type LanguageCode = (typeof languageCodes)[number];

export const evidenceRoles = ['intent', 'title', 'start', 'end', 'date', 'time', 'range', 'duration', 'attendee', 'person', 'location', 'recurrence', 'target', 'change', 'scope', 'timezone', 'query'] as const;

export const intentSchema = z.object({
  intent: z.enum(intentNames),
  event: z
    .object({
      title: z.string().optional(),
      start: instant.optional(),
      end: instant.optional(),
      allDay: z.boolean().default(false),
      startDate: date.optional(),
      endDate: date.optional(),
      timeZone: z.string(),
      attendees: z.array(z.string().email()).default([]),
      people: z.array(z.string()).default([]),
      location: z.string().optional(),
      description: z.string().optional(),
      recurrence: z.array(z.string().regex(/^RRULE:/)).default([]),
    })
    .optional(),
  target: z
    .object({
      query: z.string().optional(),
      start: instant.optional(),
      range: range.optional(),
    })
    .optional(),
  changes: z
    .object({
      start: instant.optional(),
      end: instant.optional(),
      /** A new day without a new time ("move it to Friday"): keep the time of day. */
      date: date.optional(),
      /** A new time of day without a day ("move it to 2"): on the event's own day. HH:MM, 24 h. */
      time: z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/).optional(),
      shiftMinutes: z.number().int().optional(),
      durationMinutes: z.number().int().positive().optional(),
      title: z.string().optional(),
      addAttendees: z.array(z.string().email()).optional(),
      removeAttendees: z.array(z.string()).optional(),
      location: z.string().optional(),
      scope: z.enum(['instance', 'following', 'series']).optional(),
    })
    .optional(),
  range: range.optional(),
  durationMinutes: z.number().int().positive().optional(),
  query: z.string().optional(),
  language: z.enum(languageCodes),
  confidence: z.number().min(0).max(1),
  evidence: z.array(z.object({ text: z.string(), start: z.number().int().min(0), end: z.number().int().min(0), role: z.enum(evidenceRoles) })),
});

export type Intent = z.infer<typeof intentSchema>;
export type Evidence = Intent['evidence'][number];
