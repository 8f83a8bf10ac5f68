import type { Context } from 'grammy';
import type { FastifyBaseLogger } from 'fastify';
import type { ChatService } from '../assistant/chat-service.ts';
import type { ProposalExecutor } from '../assistant/proposal-executor.ts';
import type { Db } from '../db/database.ts';
import { findLinkByTelegramUser } from '../db/repositories/telegram-links.ts';
import { findUser, type User } from '../db/repositories/users.ts';
import type { CalendarGateway } from '../google/calendar-gateway.ts';
import { botPhrasesFor, type BotPhrases } from './bot-phrases.ts';

/** What the bot's handlers use of the companion: the same assistant, executor and calendar as the extension's chat. */
export interface BridgeDeps {
  db: Db;
  chat: ChatService;
  proposals: ProposalExecutor;
  calendar: CalendarGateway;
  now: () => number;
  log: FastifyBaseLogger;
}

/** The account this Telegram user linked, if any: the only door from Telegram to calendar data. */
export async function linkedUser(db: Db, telegramUserId: number | undefined): Promise<User | undefined> {
  if (telegramUserId === undefined) return undefined;
  const link = await findLinkByTelegramUser(db, String(telegramUserId));
  return link ? findUser(db, link.user_id) : undefined;
}

export function wordsOf(ctx: Context): BotPhrases {
  return botPhrasesFor(ctx.from?.language_code);
}
