import type { FastifyBaseLogger } from 'fastify';
import OpenAI from 'openai';
import { z } from 'zod';
import { intentSchema, type Intent } from '../../shared/assistant/intent-schema.ts';
import type { Config } from '../config.ts';
import type { IntentSource } from './chat-service.ts';

/** What the model is asked to produce: the intent contract without our bookkeeping fields. */
const llmIntentSchema = intentSchema.omit({ evidence: true, confidence: true });
const jsonSchema = z.toJSONSchema(llmIntentSchema, { target: 'draft-7' }) as Record<string, unknown>;

const SYSTEM = `You turn one calendar command into a JSON intent that matches the given JSON schema exactly.
Rules: instants are ISO 8601 with the offset of the user's time zone; all-day events use startDate/endDate (end exclusive);
recurrence uses RFC 5545 RRULE lines; attendees are emails only, names without email go to people; events default to 60 minutes,
availability to 30; a bare hour 1-7 means pm; morning 08-12, afternoon 12-17, evening 17-21, tonight 18-23; weeks start Monday;
"next <weekday>" is that weekday next week. For modify/cancel, fill target (query, start or range) and changes; scope is
"instance", "following" or "series" only when the message says so. Set language to the message's language code.
Answer with JSON only.`;

export interface CandidateEvents {
  (context: { text: string; now: Date; timeZone: string; userId: string; local: Intent }): Promise<Array<{ title: string; start: string; end: string }>>;
}

/**
 * The OpenAI path: the model reads the message and answers with the same
 * intent contract (structured output from the zod schema). Whatever goes
 * wrong — timeout, error, 429, refusal, unparsable or invalid JSON — the local
 * parser answers instead. Only the message, the zone, now and (for changes)
 * titles and times of candidate events are sent: never a token.
 */
export class LlmIntentSource implements IntentSource {
  private readonly client: OpenAI;

  constructor(
    private readonly llm: NonNullable<Config['llm']>,
    private readonly fallback: IntentSource,
    private readonly log: FastifyBaseLogger,
    private readonly candidates?: CandidateEvents,
  ) {
    this.client = new OpenAI({ apiKey: llm.apiKey, ...(llm.baseURL ? { baseURL: llm.baseURL } : {}), maxRetries: 0, timeout: llm.timeoutMs });
  }

  async parse(text: string, context: Parameters<IntentSource['parse']>[1]): Promise<Intent> {
    const local = await this.fallback.parse(text, context);
    try {
      const events =
        this.candidates && (local.intent === 'modify_event' || local.intent === 'cancel_event')
          ? await this.candidates({ text, now: context.now, timeZone: context.timeZone, userId: context.user.id, local })
          : [];
      const completion = await this.client.chat.completions.create(
        {
          model: this.llm.model,
          temperature: 0,
          messages: [
            { role: 'system', content: SYSTEM },
            { role: 'user', content: JSON.stringify({ message: text, timeZone: context.timeZone, now: context.now.toISOString(), ...(events.length ? { candidateEvents: events } : {}) }) },
          ],
          response_format: { type: 'json_schema', json_schema: { name: 'calendar_intent', schema: jsonSchema, strict: false } },
        },
        { timeout: this.llm.timeoutMs },
      );
      const message = completion.choices[0]?.message;
      if (!message || message.refusal) return this.fallBack(local, 'refusal');
      const parsed = llmIntentSchema.safeParse(JSON.parse(message.content ?? ''));
      if (!parsed.success) return this.fallBack(local, 'invalid output');
      return intentSchema.parse({ ...parsed.data, confidence: 0.95, evidence: [] });
    } catch (error) {
      const status = (error as { status?: number }).status;
      return this.fallBack(local, error instanceof SyntaxError ? 'malformed JSON' : status ? `HTTP ${status}` : (error as Error).name);
    }
  }

  private fallBack(local: Intent, why: string): Intent {
    this.log.warn({ why }, 'language model unavailable for this message; the local parser answered');
    return local;
  }
}
