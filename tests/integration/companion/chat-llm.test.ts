import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { GoogleEmulator } from '../../../server/dev/google-emulator/app.ts';
import type { ChatReply } from '../../../shared/schemas/chat.ts';
import { startFakeOpenAI, type FakeMode, type FakeOpenAI } from '../../fakes/openai-server.ts';
import { bearer, signInExtension, startCompanion, type Companion } from '../../support/companion.ts';
import { startEmulator } from '../../support/google-emulator.ts';

const NOW = Date.parse('2026-11-25T10:00:00+01:00');

describe('the language-model path, against a fake OpenAI-compatible server', () => {
  let emulator: GoogleEmulator;
  let openai: FakeOpenAI;
  let c: Companion;
  let token: string;
  beforeAll(async () => {
    emulator = await startEmulator({ seed: { accounts: [{ email: 'ai@example.com', timeZone: 'Europe/Berlin', events: [{ summary: 'Dentist', start: { dateTime: '2026-11-27T08:00:00+01:00' }, end: { dateTime: '2026-11-27T08:45:00+01:00' } }] }] } });
    openai = await startFakeOpenAI();
    c = await startCompanion(emulator, { kind: 'sqlite' }, { OPENAI_API_KEY: 'sk-test-not-a-real-key', OPENAI_BASE_URL: openai.url, OPENAI_MODEL: 'fake-model', OPENAI_TIMEOUT_MS: '500' }, { now: () => NOW });
    token = await signInExtension(c, 'ai@example.com');
  });
  afterAll(async () => {
    await c?.close();
    await openai?.close();
    await emulator?.close();
  });
  beforeEach(() => {
    openai.requests.length = 0;
    openai.answer = {
      intent: 'create_event',
      event: { title: 'Lunch with Anna (from the model)', start: '2026-11-26T13:00:00+01:00', end: '2026-11-26T14:00:00+01:00', allDay: false, timeZone: 'Europe/Berlin', attendees: ['anna@example.com'], people: [], recurrence: [] },
      language: 'en',
    };
  });

  const say = async (text: string): Promise<ChatReply> => {
    const res = await c.app.inject({ method: 'POST', url: '/api/chat/message', headers: bearer(token), payload: { text } });
    expect(res.statusCode, res.body).toBe(200);
    return res.json();
  };

  it("uses the model's intent when it answers well, sent as structured output with only the message, zone and now", async () => {
    openai.mode = 'success';
    const reply = await say('lunch with anna@example.com tomorrow at 1pm');
    expect(reply.proposal?.options[0]?.event.title).toBe('Lunch with Anna (from the model)');
    const request = openai.requests[0]!;
    expect(request.body.model).toBe('fake-model');
    expect(request.body.response_format).toMatchObject({ type: 'json_schema' });
    const sent = JSON.parse(request.body.messages!.at(-1)!.content) as Record<string, unknown>;
    expect(Object.keys(sent).sort()).toEqual(['message', 'now', 'timeZone']);
    expect(JSON.stringify(request.body)).not.toMatch(/ya29\.|1\/\/|cat_/);
  });

  it.each<FakeMode>(['malformed', 'invalid', 'refusal', 'timeout', '429', '500'])('falls back to the local parser on %s', async (mode) => {
    openai.mode = mode;
    const started = Date.now();
    const reply = await say('lunch with anna@example.com tomorrow at 1pm');
    expect(reply.proposal?.options[0]?.event).toMatchObject({ title: 'Lunch with Anna', start: '2026-11-26T13:00:00+01:00', end: '2026-11-26T14:00:00+01:00' });
    expect(openai.requests.length).toBe(1);
    expect(Date.now() - started).toBeLessThan(2500);
  });

  it('sends titles and times of candidate events (and nothing else about them) for a change', async () => {
    openai.mode = 'malformed';
    await say('cancel the dentist on friday');
    const sent = JSON.parse(openai.requests[0]!.body.messages!.at(-1)!.content) as { candidateEvents: Array<Record<string, string>> };
    expect(sent.candidateEvents).toEqual([{ title: 'Dentist', start: '2026-11-27T08:00:00+01:00', end: '2026-11-27T08:45:00+01:00' }]);
  });

  it('never logs the API key', () => {
    expect(c.log.text).not.toContain('sk-test-not-a-real-key');
  });
});
