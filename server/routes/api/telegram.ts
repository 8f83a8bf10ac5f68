import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { telegramLinkCodeSchema, telegramStatusSchema } from '../../../shared/schemas/telegram.ts';
import { apiErrors } from '../../api-error.ts';
import { issueOneTimeCode, voidUnusedCodes } from '../../db/repositories/one-time-codes.ts';
import { findTelegramLink, unlinkTelegram } from '../../db/repositories/telegram-links.ts';
import { LINK_CODE_PURPOSE, LINK_CODE_TTL_MS, newLinkCode } from '../../telegram/link-code.ts';

/** Issuing link codes is limited per caller: each is a chance to guess nothing, but a flood is no use to anyone. */
export const LINK_CODES_PER_10_MINUTES = 5;

/** The account's side of the Telegram link: status, a one-time link code, and unlinking. */
export default async function telegramRoutes(app: FastifyInstance) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  // The options page must not wait on Telegram: the name is shown once getMe has answered.
  const botUsername = () => app.telegram?.knownUsername() ?? null;

  r.get(
    '/api/telegram',
    { schema: { summary: 'Whether the Telegram bot is set up, its name, and whether your account is linked', tags: ['telegram'], response: { 200: telegramStatusSchema } }, preHandler: app.requireUser },
    async (request) => {
      const link = await findTelegramLink(app.db, request.caller!.user.id);
      return {
        enabled: Boolean(app.telegram),
        botUsername: botUsername(),
        linked: link ? { username: link.username, linkedAt: new Date(link.linked_at).toISOString() } : null,
      };
    },
  );

  r.post(
    '/api/telegram/link-code',
    {
      schema: { summary: 'A one-time code (10 minutes) to send the bot as /link CODE; replaces any earlier unused code', tags: ['telegram'], response: { 201: telegramLinkCodeSchema } },
      preHandler: app.requireUser,
      config: { rateLimit: { max: LINK_CODES_PER_10_MINUTES, timeWindow: '10 minutes' } },
    },
    async (request, reply) => {
      if (!app.telegram) throw apiErrors.notFound('Telegram is not set up on this companion (TELEGRAM_BOT_TOKEN).');
      const userId = request.caller!.user.id;
      const now = app.services.now();
      await voidUnusedCodes(app.db, userId, LINK_CODE_PURPOSE, now);
      const code = await issueOneTimeCode(app.db, userId, LINK_CODE_PURPOSE, LINK_CODE_TTL_MS, now, newLinkCode());
      const name = botUsername();
      return reply.code(201).send({
        code: code.reveal(),
        expiresAt: new Date(now + LINK_CODE_TTL_MS).toISOString(),
        botUsername: name,
        deepLink: name ? `https://t.me/${name}?start=${code.reveal()}` : null,
      });
    },
  );

  r.delete('/api/telegram/link', { schema: { summary: 'Unlink Telegram from your account', tags: ['telegram'] }, preHandler: app.requireUser }, async (request, reply) => {
    await unlinkTelegram(app.db, request.caller!.user.id);
    return reply.code(204).send();
  });
}
