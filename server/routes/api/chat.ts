import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { DateTime } from 'luxon';
import { chatConfirmSchema, chatMessageSchema, chatUndoSchema } from '../../../shared/schemas/chat.ts';
import { apiErrors } from '../../api-error.ts';

/** The assistant: a message gets an answer or a proposal; only confirm writes; undo reverts within ten minutes. */
export default async function chatRoutes(app: FastifyInstance) {
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.post(
    '/api/chat/message',
    { schema: { summary: 'Send a message ("lunch with anna@example.com tomorrow 1pm"); get a reply and, for writes, a proposal to confirm', tags: ['assistant'], body: chatMessageSchema }, preHandler: app.requireUser },
    async (request) => {
      const { timeZone } = request.body;
      if (timeZone && !DateTime.local().setZone(timeZone).isValid) throw apiErrors.invalid('timeZone', 'not an IANA time zone');
      return app.services.chat.message(request.caller!.user, request.body.text, timeZone);
    },
  );

  r.post(
    '/api/chat/confirm',
    { schema: { summary: 'Carry out a proposal (once, however often it is confirmed)', tags: ['assistant'], body: chatConfirmSchema }, preHandler: app.requireUser },
    async (request, reply) => {
      const result = await app.services.proposals.confirm(request.caller!.user, request.body.proposalId, request.body.optionId);
      // 202: accepted, but Google has not taken it yet; the companion keeps trying (GET /api/writes shows how it stands).
      return reply.code(result.status === 'queued' ? 202 : 200).send(result);
    },
  );

  r.post(
    '/api/chat/undo',
    { schema: { summary: 'Undo the last confirmed change (or the one named) within ten minutes', tags: ['assistant'], body: chatUndoSchema.optional() }, preHandler: app.requireUser },
    async (request) => app.services.proposals.undo(request.caller!.user, request.body?.proposalId),
  );
}
