import type { FastifyInstance } from 'fastify';
import { databaseReachable } from '../plugins/external/database.ts';

/** Liveness (the process answers) and readiness (its database answers): what a load balancer asks. */
export default async function healthRoutes(app: FastifyInstance) {
  app.get('/healthz', { schema: { hide: true }, config: { rateLimit: false } }, async () => ({ ok: true }));
  app.get('/readyz', { schema: { hide: true }, config: { rateLimit: false } }, async (_request, reply) => {
    const db = await databaseReachable(app.db);
    return reply.code(db ? 200 : 503).send({ ok: db, checks: { database: db } });
  });
}
