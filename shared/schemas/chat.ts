import { z } from 'zod';
import { intentSchema, languageCodes } from '../assistant/intent-schema.ts';
import { calendarEventSchema } from './calendar-event.ts';

const instant = z.string().datetime({ offset: true });

/** An event as a proposal card shows it: what will be in the calendar after confirming. */
export const eventPreviewSchema = z.object({
  calendarId: z.string(),
  title: z.string(),
  start: instant.optional(),
  end: instant.optional(),
  allDay: z.boolean(),
  startDate: z.string().optional(),
  endDate: z.string().optional(),
  timeZone: z.string(),
  attendees: z.array(z.string()),
  location: z.string().optional(),
  recurrence: z.array(z.string()),
});
export type EventPreview = z.infer<typeof eventPreviewSchema>;

export const scopeSchema = z.enum(['instance', 'following', 'series']);

/** One choice on a card; confirming it carries out exactly what it shows. */
export const proposalOptionSchema = z.object({
  id: z.string(),
  label: z.string(),
  action: z.enum(['create', 'modify', 'cancel']),
  event: eventPreviewSchema,
  /** The event changed or cancelled (an instance id for one occurrence of a series). */
  targetEventId: z.string().optional(),
  /** Its etag when proposed: if Google has a newer version, the proposal is stale and is not applied blindly. */
  targetEtag: z.string().optional(),
  scope: scopeSchema.optional(),
});
export type ProposalOption = z.infer<typeof proposalOptionSchema>;

export const chatReplySchema = z.object({
  reply: z.string(),
  language: z.enum(languageCodes),
  intent: intentSchema.optional(),
  proposal: z
    .object({
      id: z.string(),
      /** confirm: one or more ways to do it (slots); choose_event: which event is meant; choose_scope: which occurrences. */
      kind: z.enum(['confirm', 'choose_event', 'choose_scope']),
      options: z.array(proposalOptionSchema),
      expiresAt: instant,
    })
    .optional(),
  awaiting: z.enum(['time']).optional(),
  events: z.array(calendarEventSchema).optional(),
  free: z.array(z.object({ start: instant, end: instant })).optional(),
});
export type ChatReply = z.infer<typeof chatReplySchema>;

export const chatMessageSchema = z.object({ text: z.string().trim().min(1).max(1000), timeZone: z.string().max(64).optional() });
export const chatConfirmSchema = z.object({ proposalId: z.string().min(1).max(64), optionId: z.string().min(1).max(8).default('0') });
export const chatUndoSchema = z.object({ proposalId: z.string().min(1).max(64).optional() });

export const chatResultSchema = z.object({
  reply: z.string(),
  proposalId: z.string(),
  /** queued: Google refused the write for now and the companion keeps trying; failed: it gave up (see /api/writes). */
  status: z.enum(['confirmed', 'undone', 'queued', 'failed']),
  event: calendarEventSchema.optional(),
  undoUntil: instant.optional(),
  retry: z.object({ id: z.string(), attempts: z.number().int(), nextAttemptAt: instant, lastError: z.string().optional() }).optional(),
});
export type ChatResult = z.infer<typeof chatResultSchema>;
