import type { Bot, Context } from 'grammy';
import { ApiError } from '../api-error.ts';
import type { User } from '../db/repositories/users.ts';
import { isAddressedToBot, withoutBotName } from './addressed-to-bot.ts';
import { sayError } from './bot-phrases.ts';
import { linkedUser, wordsOf, type BridgeDeps } from './bridge-deps.ts';
import { replyMessage } from './render-reply.ts';

/**
 * Runs before everything else: in a group only messages addressed to us go
 * on (a command naming us, a mention, a reply to us); other bots never do.
 */
export function ignoreWhatIsNotForUs(bot: Bot): void {
  bot.use(async (ctx, next) => {
    const message = ctx.message;
    if (message && (message.from?.is_bot || !isAddressedToBot(message, { id: ctx.me.id, username: ctx.me.username }))) return;
    await next();
  });
}

/** A plain message goes through the same assistant as the extension's chat: a reply, and for writes a proposal with buttons. */
export function registerConversation(bot: Bot, deps: BridgeDeps): void {
  bot.on('message:text', async (ctx) => {
    const words = wordsOf(ctx);
    const user = await linkedUser(deps.db, ctx.from.id);
    // Unlinked: how to link, and never a word about any calendar.
    if (!user) return void (await ctx.reply(words.notLinked));
    const text = withoutBotName(ctx.message.text, { id: ctx.me.id, username: ctx.me.username });
    if (text.startsWith('/') || !text) return void (await ctx.reply(words.help(true)));
    await askAssistant(ctx, deps, user, text);
  });
}

export async function askAssistant(ctx: Context, deps: BridgeDeps, user: User, text: string): Promise<void> {
  const words = wordsOf(ctx);
  let reply;
  try {
    reply = await deps.chat.message(user, text.slice(0, 1000));
  } catch (error) {
    if (!(error instanceof ApiError)) throw error;
    return void (await ctx.reply(sayError(words, error.code)));
  }
  const message = replyMessage(reply, words);
  await ctx.reply(message.text, message.reply_markup ? { reply_markup: message.reply_markup } : {});
}
