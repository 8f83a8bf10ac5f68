import type { FastifyInstance } from 'fastify';
import { databaseReachable } from '../plugins/external/database.ts';

/** Liveness (the process answers) and readiness (its database and job queue answer): what a load balancer asks. */
export default async function healthRoutes(app: FastifyInstance) {
  app.get('/healthz', { schema: { hide: true }, config: { rateLimit: false } }, async () => ({ ok: true }));
  app.get('/readyz', { schema: { hide: true }, config: { rateLimit: false } }, async (_request, reply) => {
    const [database, queue] = await Promise.all([databaseReachable(app.db), app.jobs.ready()]);
    const ok = database && queue;
    return reply.code(ok ? 200 : 503).send({ ok, checks: { database, queue } });
  });
}
