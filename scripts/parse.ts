/**
 * `npm run --silent parse -- --now ISO --tz IANA "text"`: one intent as JSON.
 * `--jsonl`: lines {"text","now","tz"} on stdin, one intent per line, in order;
 * a line that fails prints {"intent":"unknown","error":…} and the run goes on.
 */
import { createInterface } from 'node:readline';
import { parseArgs } from 'node:util';
import { parseCommand } from '../shared/assistant/parse-command.ts';
import { defaultModel } from '../shared/assistant/default-model.ts';

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    now: { type: 'string' },
    tz: { type: 'string', default: process.env.TZ_USER ?? 'UTC' },
    lang: { type: 'string' },
    jsonl: { type: 'boolean', default: false },
  },
});

function parseOne(text: unknown, now: unknown, tz: unknown): unknown {
  if (typeof text !== 'string') throw new Error('"text" must be a string');
  return parseCommand(text, {
    now: typeof now === 'string' ? now : new Date(),
    timeZone: typeof tz === 'string' ? tz : 'UTC',
    model: defaultModel(),
    ...(values.lang ? { language: values.lang as never } : {}),
  });
}

if (values.jsonl) {
  const lines = createInterface({ input: process.stdin, crlfDelay: Infinity });
  for await (const line of lines) {
    if (!line.trim()) continue;
    let out: unknown;
    try {
      const row = JSON.parse(line) as { text?: unknown; now?: unknown; tz?: unknown };
      out = parseOne(row.text, row.now ?? values.now, row.tz ?? values.tz);
    } catch (error) {
      out = { intent: 'unknown', error: (error as Error).message };
    }
    process.stdout.write(`${JSON.stringify(out)}\n`);
  }
} else {
  const text = positionals.join(' ');
  if (!text) {
    console.error('usage: npm run --silent parse -- --now 2026-11-25T10:00:00+01:00 --tz Europe/Berlin "lunch with anna@example.com tomorrow 1pm"');
    process.exit(2);
  }
  try {
    console.log(JSON.stringify(parseOne(text, values.now, values.tz), null, 2));
  } catch (error) {
    console.log(JSON.stringify({ intent: 'unknown', error: (error as Error).message }));
    process.exit(1);
  }
}
