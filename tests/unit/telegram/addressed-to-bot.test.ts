import type { Message } from 'grammy/types';
import { describe, expect, it } from 'vitest';
import { isAddressedToBot, withoutBotName } from '../../../server/telegram/addressed-to-bot.ts';

const bot = { id: 42, username: 'CalBot' };
const group = { id: -1, type: 'group', title: 'Team' } as const;
const msg = (text: string, extra: Partial<Message> = {}, entities: Message['entities'] = []): Message =>
  ({ message_id: 1, date: 0, chat: { id: 7, type: 'private', first_name: 'A' }, from: { id: 7, is_bot: false, first_name: 'A' }, text, entities, ...extra }) as Message;

describe('whether a message is for the bot', () => {
  it.each<[string, Message, boolean]>([
    ['anything in a private chat', msg('lunch at 1'), true],
    ['plain talk in a group', msg('lunch at 1', { chat: group }), false],
    ['a command for every bot in a group', msg('/today', { chat: group }, [{ type: 'bot_command', offset: 0, length: 6 }]), false],
    ['a command naming us', msg('/today@CalBot', { chat: group }, [{ type: 'bot_command', offset: 0, length: 13 }]), true],
    ['a command naming us in other case', msg('/today@calbot', { chat: group }, [{ type: 'bot_command', offset: 0, length: 13 }]), true],
    ['a command naming another bot', msg('/today@OtherBot', { chat: group }, [{ type: 'bot_command', offset: 0, length: 15 }]), false],
    ['a mention of us', msg('@CalBot lunch at 1', { chat: group }, [{ type: 'mention', offset: 0, length: 7 }]), true],
    ['a mention of someone else', msg('@anna lunch at 1', { chat: group }, [{ type: 'mention', offset: 0, length: 5 }]), false],
    ['our name without a mention entity', msg('CalBot lunch at 1', { chat: group }), false],
    ['a reply to us', msg('make it 2', { chat: group, reply_to_message: msg('Create lunch?', { from: { id: 42, is_bot: true, first_name: 'Cal' } }) as never }), true],
    ['a reply to someone else', msg('make it 2', { chat: group, reply_to_message: msg('hi', { from: { id: 8, is_bot: false, first_name: 'B' } }) as never }), false],
  ])('%s: %s', (_label, message, expected) => {
    expect(isAddressedToBot(message, bot)).toBe(expected);
  });

  it.each([
    ['@CalBot lunch at 1', 'lunch at 1'],
    ['lunch at 1 @calbot', 'lunch at 1'],
    ['/free@CalBot 30m tomorrow', '/free 30m tomorrow'],
    ['lunch with @anna at 1', 'lunch with @anna at 1'],
  ])('reads %j without our name as %j', (text, expected) => {
    expect(withoutBotName(text, bot)).toBe(expected);
  });
});
