import { z } from 'zod';

const instant = z.string().datetime({ offset: true });

/** GET /api/telegram: whether this companion has a bot, its @name, and whether the caller's account is linked. */
export const telegramStatusSchema = z.object({
  enabled: z.boolean(),
  botUsername: z.string().nullable(),
  linked: z.object({ username: z.string().nullable(), linkedAt: instant }).nullable(),
});
export type TelegramStatus = z.infer<typeof telegramStatusSchema>;

/** POST /api/telegram/link-code: a one-time code to send the bot as `/link CODE` (or open `deepLink`). */
export const telegramLinkCodeSchema = z.object({
  code: z.string(),
  expiresAt: instant,
  botUsername: z.string().nullable(),
  /** https://t.me/<bot>?start=<code>: opens the chat with the code filled in. */
  deepLink: z.string().nullable(),
});
export type TelegramLinkCode = z.infer<typeof telegramLinkCodeSchema>;
