import type { Bot, Context, Filter } from 'grammy';
import { ApiError } from '../api-error.ts';
import { findProposal, transitionProposal } from '../db/repositories/chat.ts';
import { rememberTelegramQueuedWrite } from '../db/repositories/telegram-queued-writes.ts';
import type { User } from '../db/repositories/users.ts';
import { sayError, type BotPhrases } from './bot-phrases.ts';
import { linkedUser, wordsOf, type BridgeDeps } from './bridge-deps.ts';
import { parseButton, type ButtonAction } from './callback-data.ts';
import { finalMessage, resultMessage, type OutgoingMessage } from './render-reply.ts';
import { describeTelegramError, isNotModified } from './telegram-errors.ts';

/** How long a chat waits to hear about a queued write: longer than the proposal it belongs to lives. */
const QUEUED_WRITE_TTL_MS = 2 * 86_400_000;

type Press = Filter<Context, 'callback_query:data'>;

/**
 * Confirm, Cancel and Undo. The press acts for the pressing Telegram user's
 * own account (proposals are looked up by that account), so in a group no
 * one can confirm another's proposal. Every press is answered exactly once;
 * the message is edited to show the outcome only when it is the presser's own.
 */
export function registerButtonPresses(bot: Bot, deps: BridgeDeps): void {
  bot.on('callback_query:data', async (ctx) => {
    const words = wordsOf(ctx);
    const action = parseButton(ctx.callbackQuery.data);
    const user = action ? await linkedUser(deps.db, ctx.from.id) : undefined;
    const answer = !action ? words.expired : !user ? words.linkFirst : await carryOut(ctx, deps, words, user, action);
    await ctx.answerCallbackQuery({ text: answer });
  });
}

async function carryOut(ctx: Press, deps: BridgeDeps, words: BotPhrases, user: User, action: ButtonAction): Promise<string> {
  try {
    switch (action.kind) {
      case 'confirm': {
        const result = await deps.proposals.confirm(user, action.proposalId, action.optionId);
        const message = ctx.callbackQuery.message;
        if (result.status === 'queued' && message) {
          await rememberTelegramQueuedWrite(deps.db, user.id, { proposal_id: result.proposalId, chat_id: String(message.chat.id), message_id: message.message_id, language_code: ctx.from.language_code ?? null, expires_at: deps.now() + QUEUED_WRITE_TTL_MS });
        }
        await show(ctx, deps, resultMessage(result, words));
        return result.status === 'confirmed' ? words.saved : result.status === 'queued' ? words.savingLater : result.reply;
      }
      case 'cancel': {
        if (!(await transitionProposal(deps.db, user.id, action.proposalId, 'pending', 'cancelled'))) return words.expired;
        await show(ctx, deps, finalMessage(words.cancelled));
        return words.cancelled;
      }
      case 'undo': {
        const result = await deps.proposals.undo(user, action.proposalId);
        await show(ctx, deps, finalMessage(result.reply));
        return result.reply;
      }
    }
  } catch (error) {
    if (!(error instanceof ApiError)) throw error;
    // Not found: expired, handled already, or not the presser's: leave the message as it is.
    if (error.code === 'not_found' || error.code === 'invalid_request') return words.expired;
    if (action.kind === 'undo' && error.code === 'conflict') {
      await show(ctx, deps, finalMessage(words.tooLateToUndo));
      return words.tooLateToUndo;
    }
    if (error.code === 'conflict') {
      // A conflict is either the event changing in Google since (the proposal is now stale) or a proposal
      // already cancelled or undone; which one, the proposal's state says.
      const row = await findProposal(deps.db, user.id, action.proposalId, deps.now());
      if (row?.status !== 'stale') return words.expired;
      await show(ctx, deps, finalMessage(words.changedMeanwhile));
      return words.changedMeanwhile;
    }
    return sayError(words, error.code);
  }
}

/** Edits the pressed message to the outcome; a failed edit does not undo the outcome, so it is only logged. */
async function show(ctx: Press, deps: BridgeDeps, message: OutgoingMessage): Promise<void> {
  if (!ctx.callbackQuery.message) return;
  try {
    await ctx.editMessageText(message.text, message.reply_markup ? { reply_markup: message.reply_markup } : {});
  } catch (error) {
    if (isNotModified(error)) return;
    deps.log.warn(describeTelegramError(error), 'could not edit the Telegram message');
  }
}
