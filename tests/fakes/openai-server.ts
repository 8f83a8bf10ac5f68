import Fastify, { type FastifyInstance } from 'fastify';
import { setTimeout as sleep } from 'node:timers/promises';

export type FakeMode = 'success' | 'malformed' | 'invalid' | 'refusal' | 'timeout' | '429' | '500';

/**
 * A local stand-in for an OpenAI-compatible chat completions endpoint: it
 * answers the way the test tells it to and records what it was sent.
 */
export interface FakeOpenAI {
  url: string;
  requests: Array<{ headers: Record<string, unknown>; body: { model?: string; messages?: Array<{ role: string; content: string }>; response_format?: unknown } }>;
  mode: FakeMode;
  /** The intent JSON a 'success' answer carries. */
  answer: unknown;
  close(): Promise<void>;
}

export async function startFakeOpenAI(): Promise<FakeOpenAI> {
  const app: FastifyInstance = Fastify();
  const fake: FakeOpenAI = { url: '', requests: [], mode: 'success', answer: {}, close: () => app.close() };
  app.post('/v1/chat/completions', async (request, reply) => {
    fake.requests.push({ headers: request.headers, body: request.body as FakeOpenAI['requests'][number]['body'] });
    const message = (content: string | null, refusal: string | null = null) => ({
      id: 'chatcmpl-fake',
      object: 'chat.completion',
      created: Math.floor(Date.now() / 1000),
      model: 'fake',
      choices: [{ index: 0, finish_reason: 'stop', message: { role: 'assistant', content, refusal } }],
    });
    switch (fake.mode) {
      case 'success':
        return message(JSON.stringify(fake.answer));
      case 'malformed':
        return message('{"intent": "create_event", "event": {');
      case 'invalid':
        return message(JSON.stringify({ intent: 'teleport', language: 'en' }));
      case 'refusal':
        return message(null, 'I cannot help with that.');
      case 'timeout':
        await sleep(3000);
        return message(JSON.stringify(fake.answer));
      case '429':
        return reply.code(429).header('retry-after', '20').send({ error: { message: 'Rate limit reached', type: 'requests', code: 'rate_limit_exceeded' } });
      case '500':
        return reply.code(500).send({ error: { message: 'The server had an error', type: 'server_error' } });
    }
  });
  await app.listen({ port: 0, host: '127.0.0.1' });
  const address = app.server.address() as { port: number };
  fake.url = `http://127.0.0.1:${address.port}/v1`;
  return fake;
}
