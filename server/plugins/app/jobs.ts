import fp from 'fastify-plugin';
import { findSyncState } from '../../db/repositories/synced-events.ts';
import { InProcessRunner } from '../../jobs/in-process-runner.ts';
import { QueueRunner } from '../../jobs/queue-runner.ts';
import type { JobRunner } from '../../jobs/runner.ts';
import { syncCalendar } from '../../jobs/sync-calendar.ts';

declare module 'fastify' {
  interface FastifyInstance {
    jobs: JobRunner;
  }
}

/** The background jobs; on close (SIGTERM) the timers stop and runs in flight finish first. */
export default fp(
  async (app) => {
    const config = app.services.config;
    const { jobs } = config;
    const ctx = {
      db: app.db,
      tokens: app.services.tokens,
      calendar: app.services.calendar,
      watch: { enabled: config.watchChannels, publicUrl: config.publicUrl },
      log: app.log,
      now: app.services.now,
    };
    const runner: JobRunner = jobs.mode === 'queue' && config.redis ? new QueueRunner(ctx, config.redis) : new InProcessRunner(ctx);
    if (jobs.mode !== 'off') {
      await runner.start([
        { name: 'refresh-tokens', everyMs: jobs.refreshTokensEveryMs },
        { name: 'cleanup', everyMs: jobs.cleanupEveryMs },
        { name: 'sync-calendars', everyMs: jobs.syncEveryMs },
      ]);
    }
    // A write we made is synced back at once where a copy is kept, so the copy never lags our own changes.
    app.services.calendar.onWrite = (userId, calendarId) => {
      void (async () => {
        const state = await findSyncState(app.db, userId, calendarId);
        if (state) await syncCalendar(app.db, app.services.calendar, userId, calendarId, app.services.now());
      })().catch((error: unknown) => app.log.warn({ err: error }, 'sync after write failed'));
    };
    app.decorate('jobs', runner);
    app.addHook('onClose', () => runner.close());
  },
  { name: 'jobs', dependencies: ['services'] },
);
