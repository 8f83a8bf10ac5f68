import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { calendarSummarySchema } from '../../../shared/schemas/calendar-event.ts';

export default async function calendarsRoute(app: FastifyInstance) {
  app.withTypeProvider<ZodTypeProvider>().get(
    '/api/calendars',
    { schema: { summary: "The user's calendars (id, name, colours, primary, access role)", tags: ['api'], response: { 200: z.object({ items: z.array(calendarSummarySchema) }) } }, preHandler: app.requireUser },
    async (request) => ({ items: await app.services.calendar.listCalendars(request.caller!.user.id) }),
  );
}
