import { describe, expect, it } from 'vitest';
import { defaultModel } from '../../../shared/assistant/default-model.ts';
import { LANGUAGE_PACKS } from '../../../shared/assistant/languages/index.ts';
import { parseCommand } from '../../../shared/assistant/parse-command.ts';
import { WARM_UP_COMMANDS, warmUpParser } from '../../../shared/assistant/warm-up.ts';

describe('warmUpParser', () => {
  it('warms every language the parser speaks, with commands it understands', async () => {
    expect((await warmUpParser({ model: defaultModel() })).sort()).toEqual(Object.keys(LANGUAGE_PACKS).sort());
    for (const { language, text } of WARM_UP_COMMANDS) {
      const intent = parseCommand(text, { now: '2026-11-25T09:00:00Z', timeZone: 'Europe/Berlin', model: defaultModel() });
      expect({ text, language: intent.language, understood: intent.intent !== 'unknown' }).toEqual({ text, language, understood: true });
    }
  });

  it('stops when told to', async () => {
    const stop = new AbortController();
    stop.abort();
    expect(await warmUpParser({ signal: stop.signal })).toEqual([]);
  });
});
