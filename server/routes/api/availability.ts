import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { DateTime } from 'luxon';
import { z } from 'zod';
import { AvailabilityInputError, candidateSlots, freeSlots, mergeIntervals, type Interval } from '../../../shared/availability/free-slots.ts';
import { apiErrors } from '../../api-error.ts';

const hhmm = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'must be HH:MM (24 h)');
const zone = z.string().refine((z) => DateTime.local().setZone(z).isValid, 'not an IANA time zone');
const isoInstant = z.string().datetime({ offset: true });

const query = z
  .object({
    from: isoInstant,
    to: isoInstant,
    durationMinutes: z.coerce.number().int().min(5).max(1440).default(30),
    calendarIds: z.string().max(4000).default('primary').describe('Comma-separated calendar ids'),
    workStart: hhmm.default('09:00'),
    workEnd: hhmm.default('17:00'),
    workDays: z.string().regex(/^[1-7](,[1-7])*$/, 'comma-separated ISO weekdays, 1 = Monday').default('1,2,3,4,5'),
    tz: zone.optional().describe("Time zone of the working hours; default the user's"),
  })
  .refine((q) => Date.parse(q.to) > Date.parse(q.from), { message: 'must be after from', path: ['to'] })
  .refine((q) => Date.parse(q.to) - Date.parse(q.from) <= 120 * 86_400_000, { message: 'the window is at most 120 days', path: ['to'] });

/** Free time across calendars, cut to working hours in the user's zone. */
export default async function availabilityRoute(app: FastifyInstance) {
  app.withTypeProvider<ZodTypeProvider>().get(
    '/api/availability',
    { schema: { summary: 'Free slots via freeBusy, merged across calendars, within working hours (DST-correct)', tags: ['api'], querystring: query }, preHandler: app.requireUser },
    async (request) => {
      const { user } = request.caller!;
      const q = request.query;
      const timeZone = q.tz ?? user.time_zone ?? 'UTC';
      const calendarIds = [...new Set(q.calendarIds.split(',').map((s) => s.trim()).filter(Boolean))];
      const calendars = await app.services.calendar.freeBusy(user.id, { from: q.from, to: q.to, calendarIds });
      const busy: Interval[] = [];
      const unavailable: Array<{ calendarId: string; reason: string }> = [];
      for (const id of calendarIds) {
        const entry = calendars[id];
        if (!entry || entry.errors?.length) unavailable.push({ calendarId: id, reason: entry?.errors?.[0]?.reason ?? 'notFound' });
        for (const b of entry?.busy ?? []) busy.push({ start: Date.parse(b.start!), end: Date.parse(b.end!) });
      }
      const from = Date.parse(q.from);
      const to = Date.parse(q.to);
      let free: Interval[];
      try {
        free = freeSlots({
          from,
          to,
          busy,
          durationMinutes: q.durationMinutes,
          timeZone,
          workingHours: { start: q.workStart, end: q.workEnd, days: q.workDays.split(',').map(Number) },
        });
      } catch (error) {
        if (error instanceof AvailabilityInputError) throw apiErrors.invalid(error.field, error.message);
        throw error;
      }
      const render = (i: Interval) => ({
        start: DateTime.fromMillis(i.start, { zone: timeZone }).toISO({ suppressMilliseconds: true })!,
        end: DateTime.fromMillis(i.end, { zone: timeZone }).toISO({ suppressMilliseconds: true })!,
      });
      return {
        timeZone,
        durationMinutes: q.durationMinutes,
        free: free.map(render),
        suggestions: candidateSlots(free, q.durationMinutes, 3).map(render),
        busy: mergeIntervals(busy.filter((b) => b.end > from && b.start < to)).map(render),
        ...(unavailable.length ? { unavailable } : {}),
      };
    },
  );
}
