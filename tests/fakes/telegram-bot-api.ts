import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Chat, InlineKeyboardMarkup, Message, MessageEntity, Update, User } from 'grammy/types';

/** One Bot API call as the fake received it (after the token was checked). */
export interface RecordedCall {
  method: string;
  params: Record<string, unknown>;
}

export interface Delivery {
  status: number;
  body: string;
  ms: number;
}

interface StoredMessage {
  message: Message;
  text: string;
  markup: string;
}

export type Answer = { ok: true; result: unknown } | { ok: false; error_code: number; description: string; parameters?: Record<string, unknown> };

const fail = (error_code: number, description: string): Answer => ({ ok: false, error_code, description });

/**
 * A local Telegram Bot API server over real HTTP, for the methods the bridge
 * calls: getMe, sendMessage, editMessageText, editMessageReplyMarkup,
 * answerCallbackQuery, setWebhook, deleteWebhook, getWebhookInfo, getUpdates
 * (long polling, with its timeout). It behaves like Telegram where our code
 * depends on it: a wrong token in the path is 401, getUpdates while a webhook
 * is set is 409, an edit to the same content is "message is not modified",
 * a callback query is answered once, callback data is at most 64 bytes. It
 * records every call, per chat, and plays the part of Telegram's servers:
 * delivering updates to a webhook (with or without the right secret) or
 * queueing them for getUpdates. It logs nothing, so never the token.
 */
export class FakeTelegram {
  readonly bot: User & { username: string } = { id: 7000001, is_bot: true, first_name: 'Calendar Assistant', username: 'CalendarAssistantTestBot' };
  readonly calls: RecordedCall[] = [];
  url = '';
  webhook: { url: string; secret_token?: string; allowed_updates?: string[] } | null = null;
  /** Set to make every call answer this instead (Telegram down, rate limited). */
  outage: { status: number; description: string } | null = null;
  /** Milliseconds every call takes to answer (a slow Telegram). */
  slowMs = 0;
  /** Called with every call after it was answered (the terminal chat prints the bot's messages from here). */
  onCall: ((call: RecordedCall, answer: Answer) => void) | null = null;

  private readonly server = createServer((req, res) => void this.route(req, res));
  private readonly messages = new Map<number, Map<number, StoredMessage>>();
  private readonly pendingQueries = new Set<string>();
  private readonly answeredQueries = new Set<string>();
  private queue: Update[] = [];
  private waiters: Array<() => void> = [];
  private nextUpdateId = 500_000_001;
  private nextMessageId = 1;
  private nextQueryId = 1;

  constructor(readonly token: string) {}

  async listen(port = 0): Promise<string> {
    await new Promise<void>((resolve, reject) => {
      this.server.once('error', reject);
      this.server.listen(port, '127.0.0.1', resolve);
    });
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
    return this.url;
  }

  async close(): Promise<void> {
    for (const wake of this.waiters.splice(0)) wake();
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  // --- what the test sees -------------------------------------------------

  /** The calls about one chat (sendMessage, edits) and the callback answers, in order. */
  callsFor(chatId: number): RecordedCall[] {
    return this.calls.filter((c) => Number(c.params.chat_id) === chatId);
  }

  /** Messages the bot sent to a chat, as they read now (after edits). */
  messagesIn(chatId: number): Message[] {
    return [...(this.messages.get(chatId)?.values() ?? [])].map((m) => m.message);
  }

  lastMessage(chatId: number): Message {
    const all = this.messagesIn(chatId);
    if (!all.length) throw new Error(`the bot sent nothing to chat ${chatId}`);
    return all.at(-1)!;
  }

  /** Every text the bot ever sent or edited into a chat: what a person could have read. */
  textsSeenIn(chatId: number): string[] {
    return this.callsFor(chatId)
      .filter((c) => typeof c.params.text === 'string')
      .map((c) => c.params.text as string);
  }

  answersTo(callbackQueryId: string): RecordedCall[] {
    return this.calls.filter((c) => c.method === 'answerCallbackQuery' && c.params.callback_query_id === callbackQueryId);
  }

  // --- playing Telegram's part ---------------------------------------------

  person(id: number, extra: Partial<User> = {}): User {
    return { id, is_bot: false, first_name: `Person ${id}`, username: `person${id}`, language_code: 'en', ...extra };
  }

  /** A text message from `from`, in their private chat or in `chat`, with the entities Telegram would mark. */
  message(from: User, text: string, options: { chat?: Chat; replyTo?: Message } = {}): Update {
    const chat: Chat = options.chat ?? { id: from.id, type: 'private', first_name: from.first_name };
    const entities = entitiesOf(text);
    const message = {
      message_id: this.nextMessageId++,
      date: Math.floor(Date.now() / 1000),
      chat,
      from,
      text,
      ...(entities.length ? { entities } : {}),
      ...(options.replyTo ? { reply_to_message: options.replyTo } : {}),
    } as Message;
    return { update_id: this.nextUpdateId++, message } as Update;
  }

  /** `from` presses the button labelled `label` under one of the bot's messages. */
  press(from: User, message: Message, label: string): Update {
    const button = (message.reply_markup?.inline_keyboard ?? []).flat().find((b) => b.text === label);
    if (!button || !('callback_data' in button)) throw new Error(`no button "${label}" under message ${message.message_id}; buttons: ${JSON.stringify(message.reply_markup)}`);
    const id = `cq${this.nextQueryId++}`;
    this.pendingQueries.add(id);
    return { update_id: this.nextUpdateId++, callback_query: { id, from, message, chat_instance: `ci${message.chat.id}`, data: button.callback_data } } as Update;
  }

  /** Posts an update to the webhook as Telegram does (once: redelivery is the test calling again). */
  async deliver(update: unknown, options: { url?: string; secret?: string | null; body?: string } = {}): Promise<Delivery> {
    const url = options.url ?? this.webhook?.url;
    if (!url) throw new Error('no webhook set and no url given');
    const secret = options.secret === undefined ? this.webhook?.secret_token : options.secret;
    const started = performance.now();
    const res = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(secret ? { 'x-telegram-bot-api-secret-token': secret } : {}) },
      body: options.body ?? JSON.stringify(update),
    });
    const body = await res.text();
    return { status: res.status, body, ms: performance.now() - started };
  }

  /** Queues an update for the next getUpdates (long polling). */
  enqueue(update: Update): void {
    this.queue.push(update);
    for (const wake of this.waiters.splice(0)) wake();
  }

  /** Updates queued and not yet confirmed by a later offset. */
  get unconfirmed(): number {
    return this.queue.length;
  }

  // --- the Bot API -----------------------------------------------------------

  private async route(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const match = /^\/bot([^/]+)\/([A-Za-z]+)$/.exec((req.url ?? '').split('?')[0]!);
    const send = (answer: Answer) => {
      if (res.writableEnded || res.destroyed) return;
      res.writeHead(answer.ok ? 200 : answer.error_code, { 'content-type': 'application/json' });
      res.end(JSON.stringify(answer));
    };
    if (!match) return send(fail(404, 'Not Found'));
    if (match[1] !== this.token) return send(fail(401, 'Unauthorized'));
    let params: Record<string, unknown>;
    try {
      params = await readParams(req);
    } catch {
      return send(fail(400, 'Bad Request: invalid JSON'));
    }
    const method = match[2]!;
    this.calls.push({ method, params });
    if (this.slowMs) await new Promise((resolve) => setTimeout(resolve, this.slowMs));
    if (this.outage) return send(fail(this.outage.status, this.outage.description));
    const aborted = new AbortController();
    res.on('close', () => aborted.abort());
    const answer = await this.call(method, params, aborted.signal);
    send(answer);
    this.onCall?.({ method, params }, answer);
  }

  private async call(method: string, p: Record<string, unknown>, signal: AbortSignal): Promise<Answer> {
    switch (method) {
      case 'getMe':
        return { ok: true, result: { ...this.bot, can_join_groups: true, can_read_all_group_messages: false, supports_inline_queries: false } };
      case 'sendMessage':
        return this.sendMessage(p);
      case 'editMessageText':
      case 'editMessageReplyMarkup':
        return this.edit(method, p);
      case 'answerCallbackQuery': {
        const id = String(p.callback_query_id);
        if (!this.pendingQueries.has(id) || this.answeredQueries.has(id)) return fail(400, 'Bad Request: query is too old and response timeout expired or query ID is invalid');
        this.answeredQueries.add(id);
        return { ok: true, result: true };
      }
      case 'setWebhook': {
        const url = String(p.url ?? '');
        if (!url) return this.clearWebhook(p);
        if (!url.startsWith('https://')) return fail(400, 'Bad Request: bad webhook: An HTTPS URL must be provided for webhook');
        this.webhook = { url, ...(p.secret_token ? { secret_token: String(p.secret_token) } : {}), ...(p.allowed_updates ? { allowed_updates: p.allowed_updates as string[] } : {}) };
        return { ok: true, result: true };
      }
      case 'deleteWebhook':
        return this.clearWebhook(p);
      case 'getWebhookInfo':
        return { ok: true, result: { url: this.webhook?.url ?? '', has_custom_certificate: false, pending_update_count: this.queue.length } };
      case 'getUpdates':
        return this.getUpdates(p, signal);
      default:
        return fail(404, 'Not Found');
    }
  }

  /** Lets the test point the webhook at an http address (Telegram itself would insist on https). */
  setWebhookForTest(url: string, secret: string): void {
    this.webhook = { url, secret_token: secret };
  }

  private clearWebhook(p: Record<string, unknown>): Answer {
    this.webhook = null;
    if (p.drop_pending_updates) this.queue = [];
    return { ok: true, result: true };
  }

  private sendMessage(p: Record<string, unknown>): Answer {
    const chatId = Number(p.chat_id);
    const text = typeof p.text === 'string' ? p.text : '';
    if (!Number.isFinite(chatId)) return fail(400, 'Bad Request: chat not found');
    if (!text.trim()) return fail(400, 'Bad Request: message text is empty');
    if (text.length > 4096) return fail(400, 'Bad Request: message is too long');
    const markupError = checkMarkup(p.reply_markup);
    if (markupError) return fail(400, markupError);
    const message = {
      message_id: this.nextMessageId++,
      date: Math.floor(Date.now() / 1000),
      chat: chatId > 0 ? { id: chatId, type: 'private', first_name: `Person ${chatId}` } : { id: chatId, type: 'group', title: 'A group' },
      from: this.bot,
      text,
      ...(isKeyboard(p.reply_markup) && p.reply_markup.inline_keyboard.length ? { reply_markup: p.reply_markup } : {}),
    } as Message;
    let chat = this.messages.get(chatId);
    if (!chat) this.messages.set(chatId, (chat = new Map()));
    chat.set(message.message_id, { message, text, markup: JSON.stringify(p.reply_markup ?? null) });
    return { ok: true, result: message };
  }

  private edit(method: string, p: Record<string, unknown>): Answer {
    const stored = this.messages.get(Number(p.chat_id))?.get(Number(p.message_id));
    if (!stored) return fail(400, 'Bad Request: message to edit not found');
    const text = method === 'editMessageText' ? String(p.text ?? '') : stored.text;
    if (!text.trim()) return fail(400, 'Bad Request: message text is empty');
    const markupError = checkMarkup(p.reply_markup);
    if (markupError) return fail(400, markupError);
    const keyboard = isKeyboard(p.reply_markup) && p.reply_markup.inline_keyboard.length ? p.reply_markup : null;
    const markup = JSON.stringify(keyboard);
    if (text === stored.text && markup === (stored.message.reply_markup ? JSON.stringify(stored.message.reply_markup) : 'null')) {
      return fail(400, 'Bad Request: message is not modified: specified new message content and reply markup are exactly the same as a current content and reply markup of the message');
    }
    const { reply_markup: _old, ...rest } = stored.message as Message & { reply_markup?: InlineKeyboardMarkup };
    stored.message = { ...rest, text, edit_date: Math.floor(Date.now() / 1000), ...(keyboard ? { reply_markup: keyboard } : {}) } as Message;
    stored.text = text;
    stored.markup = markup;
    return { ok: true, result: stored.message };
  }

  private async getUpdates(p: Record<string, unknown>, signal: AbortSignal): Promise<Answer> {
    if (this.webhook) return fail(409, "Conflict: can't use getUpdates method while webhook is active; use deleteWebhook to delete the webhook first");
    const offset = Number(p.offset ?? 0);
    // An offset confirms every update before it: Telegram forgets them.
    if (offset > 0) this.queue = this.queue.filter((u) => u.update_id >= offset);
    const limit = Math.min(100, Number(p.limit ?? 100));
    const timeoutMs = Math.min(50, Number(p.timeout ?? 0)) * 1000;
    if (!this.queue.length && timeoutMs > 0) {
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, timeoutMs);
        const wake = () => {
          clearTimeout(timer);
          resolve();
        };
        this.waiters.push(wake);
        signal.addEventListener('abort', wake, { once: true });
      });
    }
    return { ok: true, result: this.queue.slice(0, limit) };
  }
}

export async function startFakeTelegram(token: string): Promise<FakeTelegram> {
  const fake = new FakeTelegram(token);
  await fake.listen();
  return fake;
}

function isKeyboard(markup: unknown): markup is InlineKeyboardMarkup {
  return typeof markup === 'object' && markup !== null && Array.isArray((markup as InlineKeyboardMarkup).inline_keyboard);
}

function checkMarkup(markup: unknown): string | null {
  if (markup === undefined || markup === null) return null;
  if (!isKeyboard(markup)) return 'Bad Request: can\'t parse reply keyboard markup JSON object';
  for (const button of markup.inline_keyboard.flat()) {
    if (!button.text) return 'Bad Request: text buttons are unallowed in the inline keyboard';
    if ('callback_data' in button && Buffer.byteLength(button.callback_data) > 64) return 'Bad Request: BUTTON_DATA_INVALID';
  }
  return null;
}

/** Commands at the start and @mentions anywhere, as Telegram's apps mark them. */
function entitiesOf(text: string): MessageEntity[] {
  const entities: MessageEntity[] = [];
  const command = /^\/[a-zA-Z0-9_]+(?:@[a-zA-Z0-9_]+)?/.exec(text);
  if (command) entities.push({ type: 'bot_command', offset: 0, length: command[0].length });
  for (const m of text.matchAll(/(?<![\w/])@[a-zA-Z0-9_]{5,32}/g)) entities.push({ type: 'mention', offset: m.index, length: m[0].length });
  return entities;
}

async function readParams(req: IncomingMessage): Promise<Record<string, unknown>> {
  const query = Object.fromEntries(new URL(req.url ?? '/', 'http://x').searchParams);
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  const raw = Buffer.concat(chunks).toString();
  if (!raw) return query;
  const type = req.headers['content-type'] ?? '';
  if (type.includes('application/x-www-form-urlencoded')) return { ...query, ...Object.fromEntries(new URLSearchParams(raw)) };
  return { ...query, ...(JSON.parse(raw) as Record<string, unknown>) };
}
