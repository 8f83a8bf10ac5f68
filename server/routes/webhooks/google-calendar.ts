import type { FastifyInstance } from 'fastify';
import { apiErrors } from '../../api-error.ts';
import { queueCalendarSync } from '../../jobs/job-handlers.ts';
import { verifyNotification } from '../../jobs/watch-calendar.ts';

/**
 * Google's push notifications for watched calendars. The channel token is
 * checked; the answer is immediate (Google retries slow hooks) and the sync
 * it triggers is a queued task.
 */
export default async function googleCalendarWebhook(app: FastifyInstance) {
  app.post('/webhooks/google/calendar', { schema: { hide: true } }, async (request, reply) => {
    const header = (name: string) => (typeof request.headers[name] === 'string' ? (request.headers[name] as string) : undefined);
    const channel = await verifyNotification(app.db, header('x-goog-channel-id'), header('x-goog-channel-token'), app.services.now());
    if (!channel) throw apiErrors.unauthorized();
    if (header('x-goog-resource-state') !== 'sync') {
      void queueCalendarSync(app.jobs, channel.userId, channel.calendarId).catch((error: unknown) => app.log.warn({ err: error }, 'could not queue the sync after a notification'));
    }
    return reply.code(200).send({ ok: true });
  });
}
