import type { Bot, CommandContext, Context } from 'grammy';
import { ApiError } from '../api-error.ts';
import { redeemOneTimeCode } from '../db/repositories/one-time-codes.ts';
import { findLinkByTelegramUser, linkTelegramUser, unlinkTelegram } from '../db/repositories/telegram-links.ts';
import { findUser, type User } from '../db/repositories/users.ts';
import { fromGoogleEvent } from '../google/event-mapping.ts';
import { sayError } from './bot-phrases.ts';
import { linkedUser, wordsOf, type BridgeDeps } from './bridge-deps.ts';
import { askAssistant } from './conversation.ts';
import { availabilityQuestion } from './free-command.ts';
import { LINK_CODE_PURPOSE, normaliseLinkCode } from './link-code.ts';
import { describeToday, todayWindow } from './today-events.ts';

/** /start, /help, /link CODE, /unlink, /today, /free <duration> <when>. */
export function registerCommands(bot: Bot, deps: BridgeDeps): void {
  bot.command(['start', 'help'], async (ctx) => {
    // t.me/OurBot?start=CODE (the options page's link) arrives as "/start CODE": linking in one tap.
    if (ctx.hasCommand('start') && ctx.match) return link(ctx, ctx.match);
    const user = await linkedUser(deps.db, ctx.from?.id);
    await ctx.reply(wordsOf(ctx).help(Boolean(user)));
  });

  bot.command('link', (ctx) => link(ctx, ctx.match));

  bot.command('unlink', async (ctx) => {
    const words = wordsOf(ctx);
    const link = ctx.from && (await findLinkByTelegramUser(deps.db, String(ctx.from.id)));
    if (!link) return void (await ctx.reply(words.notLinkedNothingToUnlink));
    await unlinkTelegram(deps.db, link.user_id);
    deps.log.info({ userId: link.user_id }, 'telegram unlinked');
    await ctx.reply(words.unlinked);
  });

  bot.command('today', (ctx) =>
    asLinkedUser(ctx, async (user) => {
      const words = wordsOf(ctx);
      const zone = user.time_zone ?? 'UTC';
      const { from, to, day } = todayWindow(deps.now(), zone);
      try {
        const { items, timeZone } = await deps.calendar.listEvents(user.id, { calendarId: 'primary', from, to });
        const events = items.filter((e) => e.status !== 'cancelled').map((e) => fromGoogleEvent(e, 'primary', timeZone));
        // The assistant's own dates read "Fri 4 Dec": day before month in English too.
        await ctx.reply(describeToday(events, day, zone, words, ctx.from?.language_code?.startsWith('de') ? 'de' : 'en-GB'));
      } catch (error) {
        if (!(error instanceof ApiError)) throw error;
        await ctx.reply(sayError(words, error.code));
      }
    }),
  );

  bot.command('free', (ctx) => asLinkedUser(ctx, (user) => askAssistant(ctx, deps, user, availabilityQuestion(ctx.match, ctx.from?.language_code))));

  async function link(ctx: CommandContext<Context>, typed: string): Promise<void> {
    const words = wordsOf(ctx);
    if (!ctx.from) return;
    const code = normaliseLinkCode(typed);
    if (!code) return void (await ctx.reply(words.linkUsage));
    if (ctx.chat.type !== 'private') {
      // Everyone in the group has seen it: burn the code before anyone else can send it to us privately.
      await redeemOneTimeCode(deps.db, code, LINK_CODE_PURPOSE, deps.now());
      return void (await ctx.reply(words.linkOnlyInPrivate));
    }
    const userId = await redeemOneTimeCode(deps.db, code, LINK_CODE_PURPOSE, deps.now());
    const user = userId ? await findUser(deps.db, userId) : undefined;
    if (!user) return void (await ctx.reply(words.linkRefused));
    await linkTelegramUser(deps.db, user.id, { telegramUserId: String(ctx.from.id), chatId: String(ctx.chat.id), username: ctx.from.username ?? null }, deps.now());
    deps.log.info({ userId: user.id }, 'telegram linked');
    await ctx.reply(words.linked(user.email));
  }

  /** Runs `then` for a linked Telegram user; anyone else gets the linking instructions and nothing more. */
  async function asLinkedUser(ctx: Context, then: (user: User) => Promise<void>): Promise<void> {
    const user = await linkedUser(deps.db, ctx.from?.id);
    if (!user) return void (await ctx.reply(wordsOf(ctx).notLinked));
    await then(user);
  }
}
