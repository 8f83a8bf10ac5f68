import type { Message } from 'grammy/types';

export interface BotIdentity {
  id: number;
  username: string;
}

/**
 * Whether a message is for us. In a private chat, always. In a group, only a
 * command naming us (`/today@OurBot`), a mention of @OurBot, or a reply to one
 * of our messages: the rest of the group's talk is not ours to read or answer.
 */
export function isAddressedToBot(message: Message, bot: BotIdentity): boolean {
  if (message.chat.type === 'private') return true;
  if (message.reply_to_message?.from?.id === bot.id) return true;
  const text = message.text ?? message.caption ?? '';
  const entities = message.entities ?? message.caption_entities ?? [];
  const name = `@${bot.username}`.toLowerCase();
  return entities.some((e) => {
    const part = text.slice(e.offset, e.offset + e.length).toLowerCase();
    if (e.type === 'mention') return part === name;
    if (e.type === 'bot_command') return part.endsWith(name);
    return false;
  });
}

/** The message without our name: "@OurBot lunch at 1" → "lunch at 1", "/free@OurBot 30m" → "/free 30m". */
export function withoutBotName(text: string, bot: BotIdentity): string {
  const escaped = bot.username.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  return text
    .replace(new RegExp(`^(/[a-z_]+)@${escaped}\\b`, 'i'), '$1')
    .replace(new RegExp(`@${escaped}\\b`, 'gi'), '')
    .replace(/\s+/g, ' ')
    .trim();
}
