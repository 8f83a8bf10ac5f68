import { BotError, GrammyError, HttpError } from 'grammy';

/**
 * A Telegram failure as log fields. Never the error itself: grammY's errors
 * hold the context (its Api object holds the token) and the HTTP client's
 * error message holds the request URL (which holds the token too).
 */
export function describeTelegramError(error: unknown): Record<string, unknown> {
  const inner = error instanceof BotError ? error.error : error;
  if (inner instanceof GrammyError) return { telegramMethod: inner.method, telegramStatus: inner.error_code, telegramError: inner.description };
  if (inner instanceof HttpError) return { telegramError: 'network', telegramMessage: inner.message };
  if (inner instanceof Error) return { error: inner.name, message: inner.message.replace(/bot\d+:[\w-]+/g, 'bot[REDACTED]') };
  return { error: String(inner) };
}

/** Whether Telegram refused the call for good (bad request, bot blocked, chat gone): trying again cannot help. */
export function isPermanentTelegramError(error: unknown): boolean {
  const inner = error instanceof BotError ? error.error : error;
  return inner instanceof GrammyError && inner.error_code >= 400 && inner.error_code < 500 && inner.error_code !== 429;
}

/**
 * Editing a message to what it already shows is an error to Telegram (400, "message is not modified"); for us
 * it is success, as when a second press of Confirm shows the same outcome. Telegram gives no code for it, only
 * this description, so the description is what we match.
 */
export function isNotModified(error: unknown): boolean {
  return error instanceof GrammyError && error.error_code === 400 && error.description.includes('message is not modified');
}
