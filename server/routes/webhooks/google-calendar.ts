import type { FastifyInstance } from 'fastify';
import { apiErrors } from '../../api-error.ts';
import { syncCalendar } from '../../jobs/sync-calendar.ts';
import { verifyNotification } from '../../jobs/watch-calendar.ts';

/**
 * Google's push notifications for watched calendars. The channel token is
 * checked; the answer is immediate (Google retries slow hooks) and the sync
 * it triggers runs afterwards.
 */
export default async function googleCalendarWebhook(app: FastifyInstance) {
  app.post('/webhooks/google/calendar', { schema: { hide: true } }, async (request, reply) => {
    const header = (name: string) => (typeof request.headers[name] === 'string' ? (request.headers[name] as string) : undefined);
    const channel = await verifyNotification(app.db, header('x-goog-channel-id'), header('x-goog-channel-token'), app.services.now());
    if (!channel) throw apiErrors.unauthorized();
    if (header('x-goog-resource-state') !== 'sync') {
      void syncCalendar(app.db, app.services.calendar, channel.userId, channel.calendarId, app.services.now()).catch((error: unknown) => app.log.warn({ err: error }, 'sync after notification failed'));
    }
    return reply.code(200).send({ ok: true });
  });
}
