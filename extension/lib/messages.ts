import { z } from 'zod';
import { eventCandidateSchema } from '../../shared/extraction/event-candidate.ts';

/**
 * Messages between the extension's pages, the background and the content
 * script, each validated against its schema on arrival: content scripts run
 * in web pages and are not trusted.
 */
export const messageSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('sign-in') }),
  z.object({ type: z.literal('sign-out') }),
  z.object({ type: z.literal('flush-outbox') }),
  z.object({ type: z.literal('extracted'), candidates: z.array(eventCandidateSchema).max(20), pageUrl: z.string().max(2048) }),
]);
export type Message = z.infer<typeof messageSchema>;

export const signInResultSchema = z.object({ ok: z.boolean(), error: z.string().optional() });
export type SignInResult = z.infer<typeof signInResultSchema>;

export async function send<T>(message: Message): Promise<T> {
  return (await browser.runtime.sendMessage(message)) as T;
}
