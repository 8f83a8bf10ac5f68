/**
 * `npm run telegram:chat`: try the Telegram bot without Telegram. Starts the
 * local fake Bot API (the one the tests use) and makes this terminal a
 * Telegram chat with the bot: type a message and press Enter; type ">Confirm"
 * (or ">1") to press a button under the bot's last message. Start the
 * companion against it in another terminal, as printed.
 */
import { createInterface } from 'node:readline';
import type { Message } from 'grammy/types';
import { FakeTelegram } from '../tests/fakes/telegram-bot-api.ts';

const port = Number(process.argv[process.argv.indexOf('--port') + 1] || 8081) || 8081;
const token = '7000001:DEMO-local-fake-bot-token-not-secret-0';
const fake = new FakeTelegram(token);
await fake.listen(port);
const me = fake.person(424242, { first_name: 'You', username: 'you', language_code: (process.env.LANG ?? 'en').slice(0, 2) });
let last: Message | null = null;

console.log(`Fake Telegram Bot API at ${fake.url} (bot @${fake.bot.username}).

Start the companion against it in another terminal (long polling, no public address needed):

  TELEGRAM_BOT_TOKEN=${token} TELEGRAM_API_ROOT=${fake.url} npm start

Sign in, open the extension's options and click "Get a link code" (or, with an API token from /account:
curl -X POST -H "Authorization: Bearer $T" http://127.0.0.1:8787/api/telegram/link-code), and type here: /link CODE.
Then: "dentist friday 10:30", and >Confirm. Ctrl-C ends.
`);

fake.onCall = ({ method, params }, answer) => {
  if (!answer.ok) return;
  const buttons = (markup: unknown) =>
    ((markup as Message['reply_markup'])?.inline_keyboard ?? [])
      .flat()
      .map((b, i) => `[${i + 1} ${b.text}]`)
      .join(' ');
  if (method === 'sendMessage' || method === 'editMessageText') {
    last = answer.result as Message;
    console.log(`\n${method === 'sendMessage' ? 'bot' : 'bot (edited)'}: ${String(params.text)}${buttons(params.reply_markup) ? `\n     ${buttons(params.reply_markup)}` : ''}`);
  }
  if (method === 'answerCallbackQuery' && params.text) console.log(`     (${String(params.text)})`);
};

const rl = createInterface({ input: process.stdin });
rl.on('line', (line) => {
  const text = line.trim();
  if (!text) return;
  if (!text.startsWith('>')) return fake.enqueue(fake.message(me, text));
  const want = text.slice(1).trim().toLowerCase();
  const labels = (last?.reply_markup?.inline_keyboard ?? []).flat().map((b) => b.text);
  const label = labels[Number(want) - 1] ?? labels.find((l) => l.toLowerCase().startsWith(want));
  if (!last || !label) return console.log(`     (no such button; the last message has: ${labels.join(', ') || 'none'})`);
  fake.enqueue(fake.press(me, last, label));
});
process.on('SIGINT', () => void fake.close().then(() => process.exit(0)));
