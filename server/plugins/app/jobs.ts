import fp from 'fastify-plugin';
import { findSyncState } from '../../db/repositories/synced-events.ts';
import { InProcessRunner } from '../../jobs/in-process-runner.ts';
import { queueCalendarSync, type JobContext } from '../../jobs/job-handlers.ts';
import { QueueRunner } from '../../jobs/queue-runner.ts';
import type { JobRunner } from '../../jobs/runner.ts';
import { syncCalendarTask } from '../../jobs/sync-calendar.ts';

declare module 'fastify' {
  interface FastifyInstance {
    jobs: JobRunner;
  }
}

/**
 * The background jobs. Features register their task handlers while the app is
 * built; the schedules (and the queue's worker) start once it is ready. On
 * close (SIGTERM) the timers stop and the work in hand finishes first.
 */
export default fp(
  async (app) => {
    const config = app.services.config;
    const { jobs } = config;
    const ctx: JobContext = {
      db: app.db,
      tokens: app.services.tokens,
      calendar: app.services.calendar,
      proposals: app.services.proposals,
      watch: { enabled: config.watchChannels, publicUrl: config.publicUrl },
      log: app.log,
      now: app.services.now,
      enqueue: (name, data, options) => runner.enqueue(name, data, options),
    };
    const runner: JobRunner = jobs.mode === 'queue' && config.redis ? new QueueRunner(ctx, config.redis) : new InProcessRunner(ctx);
    runner.handle('sync-calendar', (task) => syncCalendarTask(ctx, task));
    if (jobs.mode !== 'off') {
      app.addHook('onReady', async () => {
        await runner.start([
          { name: 'refresh-tokens', everyMs: jobs.refreshTokensEveryMs },
          { name: 'cleanup', everyMs: jobs.cleanupEveryMs },
          { name: 'sync-calendars', everyMs: jobs.syncEveryMs },
          { name: 'retry-writes', everyMs: jobs.retryWritesEveryMs },
        ]);
      });
    }
    // A write we made is synced back at once where a copy is kept, so the copy never lags our own changes.
    app.services.calendar.onWrite = (userId, calendarId) => {
      void (async () => {
        if (await findSyncState(app.db, userId, calendarId)) await queueCalendarSync(runner, userId, calendarId);
      })().catch((error: unknown) => app.log.warn({ err: error }, 'could not queue the sync after a write'));
    };
    app.decorate('jobs', runner);
    app.addHook('onClose', () => runner.close());
  },
  { name: 'jobs', dependencies: ['services'] },
);
