import { z } from 'zod';

/**
 * The event shape the companion serves and the extension renders: Google's
 * event reduced to what the product uses, with instants as ISO 8601 strings
 * carrying an offset. All-day events also carry their dates (end exclusive, as Google does).
 */
const isoInstant = z.string().datetime({ offset: true });
const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'must be YYYY-MM-DD');
const email = z.string().email();

export const attendeeSchema = z.object({
  email,
  name: z.string().optional(),
  responseStatus: z.enum(['needsAction', 'declined', 'tentative', 'accepted']).default('needsAction'),
  self: z.boolean().optional(),
  organizer: z.boolean().optional(),
  optional: z.boolean().optional(),
});

export const calendarEventSchema = z.object({
  id: z.string(),
  calendarId: z.string(),
  status: z.enum(['confirmed', 'tentative', 'cancelled']),
  title: z.string(),
  description: z.string().optional(),
  location: z.string().optional(),
  start: isoInstant,
  end: isoInstant,
  allDay: z.boolean(),
  startDate: isoDate.optional(),
  endDate: isoDate.optional(),
  timeZone: z.string().optional(),
  attendees: z.array(attendeeSchema),
  organizer: z.string().optional(),
  recurrence: z.array(z.string()).optional(),
  recurringEventId: z.string().optional(),
  originalStart: isoInstant.optional(),
  transparency: z.enum(['opaque', 'transparent']),
  htmlLink: z.string().optional(),
  etag: z.string(),
  updated: z.string(),
});
export type CalendarEvent = z.infer<typeof calendarEventSchema>;

const eventFields = {
  calendarId: z.string().min(1).max(1024).default('primary'),
  title: z.string().trim().min(1).max(1024),
  description: z.string().max(8192).optional(),
  location: z.string().max(1024).optional(),
  start: isoInstant.optional(),
  end: isoInstant.optional(),
  allDay: z.boolean().default(false),
  startDate: isoDate.optional(),
  endDate: isoDate.optional(),
  timeZone: z.string().min(1).max(64).optional(),
  attendees: z.array(email).max(200).optional(),
  recurrence: z.array(z.string().regex(/^(RRULE|EXRULE|RDATE|EXDATE)[:;]/, 'must be an RFC 5545 RRULE/EXDATE/RDATE line')).max(20).optional(),
  transparency: z.enum(['opaque', 'transparent']).optional(),
};

function checkTimes(
  e: { allDay?: boolean; start?: string; end?: string; startDate?: string; endDate?: string },
  ctx: z.RefinementCtx,
  partial: boolean,
): void {
  if (e.allDay) {
    if (!partial || e.startDate || e.endDate) {
      if (!e.startDate) ctx.addIssue({ code: 'custom', path: ['startDate'], message: 'required for an all-day event' });
      if (!e.endDate) ctx.addIssue({ code: 'custom', path: ['endDate'], message: 'required for an all-day event (exclusive)' });
    }
    if (e.startDate && e.endDate && e.endDate <= e.startDate) ctx.addIssue({ code: 'custom', path: ['endDate'], message: 'must be after startDate (the end date is exclusive)' });
    return;
  }
  if (!partial) {
    if (!e.start) ctx.addIssue({ code: 'custom', path: ['start'], message: 'required' });
    if (!e.end) ctx.addIssue({ code: 'custom', path: ['end'], message: 'required' });
  }
  if (partial && Boolean(e.start) !== Boolean(e.end)) ctx.addIssue({ code: 'custom', path: [e.start ? 'end' : 'start'], message: 'start and end change together' });
  if (e.start && e.end && Date.parse(e.end) < Date.parse(e.start)) ctx.addIssue({ code: 'custom', path: ['end'], message: 'must not be before start' });
}

export const createEventSchema = z.object(eventFields).superRefine((e, ctx) => checkTimes(e, ctx, false));
export type CreateEventInput = z.infer<typeof createEventSchema>;

const { calendarId: _calendarId, ...patchableFields } = eventFields;

/** A change to an event; which calendar it is in travels in the URL, not the body. */
export const patchEventSchema = z
  .object({
    ...patchableFields,
    title: eventFields.title.optional(),
    allDay: z.boolean().optional(),
    /** For one instance of a series, or that instance and all after it. */
    scope: z.enum(['instance', 'series']).optional(),
  })
  .superRefine((e, ctx) => checkTimes(e, ctx, true));
export type PatchEventInput = z.infer<typeof patchEventSchema>;

export const calendarSummarySchema = z.object({
  id: z.string(),
  summary: z.string(),
  description: z.string().optional(),
  timeZone: z.string().optional(),
  backgroundColor: z.string().optional(),
  foregroundColor: z.string().optional(),
  primary: z.boolean(),
  accessRole: z.string(),
});
export type CalendarSummary = z.infer<typeof calendarSummarySchema>;
