import fp from 'fastify-plugin';
import { InProcessRunner } from '../../jobs/in-process-runner.ts';

declare module 'fastify' {
  interface FastifyInstance {
    jobs: InProcessRunner;
  }
}

/** The background jobs; on close (SIGTERM) the timers stop and runs in flight finish first. */
export default fp(
  async (app) => {
    const { jobs } = app.services.config;
    const runner = new InProcessRunner({ db: app.db, tokens: app.services.tokens, log: app.log, now: app.services.now });
    if (jobs.mode === 'in-process') {
      runner.start([
        { name: 'refresh-tokens', everyMs: jobs.refreshTokensEveryMs },
        { name: 'cleanup', everyMs: jobs.cleanupEveryMs },
      ]);
    }
    app.decorate('jobs', runner);
    app.addHook('onClose', () => runner.close());
  },
  { name: 'jobs', dependencies: ['services'] },
);
