import { timingSafeEqual } from 'node:crypto';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { Update } from 'grammy/types';
import { z } from 'zod';
import { ApiError } from '../../api-error.ts';
import type { Secret } from '../../secret.ts';
import { WEBHOOK_PATH } from '../../telegram/telegram-bridge.ts';

/** The fields we rely on; the rest of Telegram's Update passes through untouched. */
const updateSchema = z.looseObject({
  update_id: z.number().int().nonnegative(),
  message: z.looseObject({ message_id: z.number().int(), date: z.number().int(), chat: z.looseObject({ id: z.number().int(), type: z.string() }) }).optional(),
  callback_query: z.looseObject({ id: z.string().min(1), from: z.looseObject({ id: z.number().int() }) }).optional(),
});

/**
 * Telegram's webhook. The secret header is checked before the body is read
 * (a forged call learns nothing, not even whether its JSON parses); the answer
 * is 200 as soon as the update is queued, since Telegram waits for it before
 * sending the chat's next update and redelivers on anything else.
 */
export default async function telegramWebhook(app: FastifyInstance) {
  const telegram = app.telegram!;
  const secret = app.services.config.telegram!.webhookSecret!;
  app.withTypeProvider<ZodTypeProvider>().post(
    WEBHOOK_PATH,
    {
      schema: { hide: true, body: updateSchema },
      onRequest: async (request) => {
        if (!secretMatches(request, secret)) throw new ApiError(401, 'unauthorized', 'Missing or wrong X-Telegram-Bot-Api-Secret-Token.');
      },
      // Authenticated by the secret and limited per chat in the intake; Telegram posts every chat's updates from a few addresses.
      config: { rateLimit: false },
    },
    async (request, reply) => {
      const outcome = await telegram.accept(request.body as Update);
      return reply.code(200).send({ ok: true, outcome });
    },
  );
}

function secretMatches(request: FastifyRequest, secret: Secret): boolean {
  const sent = request.headers['x-telegram-bot-api-secret-token'];
  if (typeof sent !== 'string') return false;
  const a = Buffer.from(sent);
  const b = Buffer.from(secret.reveal());
  // timingSafeEqual needs equal lengths; comparing against itself keeps the time independent of where they differ.
  return a.length === b.length ? timingSafeEqual(a, b) : !timingSafeEqual(b, b);
}
