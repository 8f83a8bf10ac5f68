import type { InlineKeyboardButton, InlineKeyboardMarkup } from 'grammy/types';
import type { ChatReply, ChatResult } from '../../shared/schemas/chat.ts';
import type { BotPhrases } from './bot-phrases.ts';
import { encodeButton } from './callback-data.ts';

export interface OutgoingMessage {
  text: string;
  reply_markup?: InlineKeyboardMarkup;
}

/** Telegram refuses longer texts; button labels past this get cut by the apps anyway. */
const MAX_TEXT = 4096;
const MAX_LABEL = 60;

/**
 * The assistant's reply as a Telegram message: the sentence, and for a
 * proposal its buttons — Confirm and Cancel for one option, one button per
 * slot, event or scope when there is a choice (pressing it confirms that one).
 */
export function replyMessage(reply: ChatReply, words: BotPhrases): OutgoingMessage {
  const text = clip(reply.reply, MAX_TEXT);
  const proposal = reply.proposal;
  if (!proposal || proposal.options.length === 0) return { text };
  const cancel: InlineKeyboardButton = { text: words.cancel, callback_data: encodeButton({ kind: 'cancel', proposalId: proposal.id }) };
  const confirm = (optionId: string, label: string): InlineKeyboardButton => ({ text: clip(label, MAX_LABEL), callback_data: encodeButton({ kind: 'confirm', proposalId: proposal.id, optionId }) });
  if (proposal.kind === 'confirm' && proposal.options.length === 1) {
    return { text, reply_markup: { inline_keyboard: [[confirm(proposal.options[0]!.id, words.confirm), cancel]] } };
  }
  return { text, reply_markup: { inline_keyboard: [...proposal.options.map((o) => [confirm(o.id, o.label)]), [cancel]] } };
}

/** What confirming did; a confirmed change keeps an Undo button for its ten minutes. */
export function resultMessage(result: ChatResult, words: BotPhrases): OutgoingMessage {
  const text = clip(result.reply, MAX_TEXT);
  if (result.status !== 'confirmed') return { text, reply_markup: { inline_keyboard: [] } };
  return { text, reply_markup: { inline_keyboard: [[{ text: words.undo, callback_data: encodeButton({ kind: 'undo', proposalId: result.proposalId }) }]] } };
}

/** A settled message: the text, and no buttons left to press. */
export function finalMessage(text: string): OutgoingMessage {
  return { text: clip(text, MAX_TEXT), reply_markup: { inline_keyboard: [] } };
}

function clip(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}
