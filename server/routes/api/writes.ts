import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { writeRetryListSchema, type WriteRetry } from '../../../shared/schemas/write-retries.ts';
import { ApiError, apiErrors } from '../../api-error.ts';
import { transitionProposal } from '../../db/repositories/chat.ts';
import { listWriteRetries, withdrawWriteRetry, type WriteRetryRow } from '../../db/repositories/write-retries.ts';

const params = z.object({ id: z.string().uuid() });

/** Confirmed changes Google has not taken yet: the ones still being tried (to call off), and the dead letters to retry or dismiss. */
export default async function writesRoutes(app: FastifyInstance) {
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.get(
    '/api/writes',
    { schema: { summary: 'Writes being retried in the background, and those given up on', tags: ['assistant'], response: { 200: writeRetryListSchema } }, preHandler: app.requireUser },
    async (request) => ({ items: (await listWriteRetries(app.db, request.caller!.user.id)).map(toApi) }),
  );

  r.post(
    '/api/writes/:id/retry',
    { schema: { summary: 'Try a write that was given up on again, from the start', tags: ['assistant'], params }, preHandler: app.requireUser },
    async (request, reply) => {
      if (!(await app.services.proposals.reviveRetry(request.caller!.user.id, request.params.id))) throw apiErrors.notFound('No write given up on by that id (it may have expired).');
      // Tried at once rather than at the next sweep; the answer does not wait for Google.
      void app.jobs.run('retry-writes');
      return reply.code(202).send({ ok: true });
    },
  );

  r.delete(
    '/api/writes/:id',
    { schema: { summary: 'Dismiss a write that was given up on, or call off one still waiting for its next try', tags: ['assistant'], params }, preHandler: app.requireUser },
    async (request, reply) => {
      const userId = request.caller!.user.id;
      const withdrawn = await withdrawWriteRetry(app.db, userId, request.params.id, app.services.now());
      if (withdrawn === 'none') throw apiErrors.notFound('No waiting or failed write by that id.');
      if (withdrawn === 'busy') throw new ApiError(409, 'request_in_progress', 'This write is being tried right now; look again in a moment.');
      // A write called off before Google took it: the proposal is cancelled, as if never confirmed.
      if (withdrawn.status === 'pending') await transitionProposal(app.db, userId, withdrawn.proposal_id, 'queued', 'cancelled');
      return reply.code(204).send();
    },
  );
}

function toApi(row: WriteRetryRow): WriteRetry {
  return {
    id: row.id,
    proposalId: row.proposal_id,
    label: row.label,
    status: row.status === 'dead' ? 'dead' : 'pending',
    attempts: row.attempts,
    ...(row.status === 'pending' ? { nextAttemptAt: new Date(row.next_attempt_at).toISOString() } : {}),
    ...(row.last_error ? { lastError: row.last_error } : {}),
    createdAt: new Date(row.created_at).toISOString(),
  };
}
