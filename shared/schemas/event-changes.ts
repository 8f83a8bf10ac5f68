import { z } from 'zod';
import { calendarEventSchema } from './calendar-event.ts';

/**
 * The delta feed (`GET /api/events/changes`): what changed in the user's synced
 * copy after a cursor, in order. A deletion carries only the event's id and
 * calendar (a tombstone); `synced: false` means the companion keeps no copy yet.
 */
export const eventChangeSchema = z.discriminatedUnion('deleted', [
  z.object({ deleted: z.literal(false), event: calendarEventSchema }),
  z.object({ deleted: z.literal(true), event: z.object({ id: z.string(), calendarId: z.string() }) }),
]);
export type EventChange = z.infer<typeof eventChangeSchema>;

export const eventChangesPageSchema = z.object({
  items: z.array(eventChangeSchema),
  cursor: z.number().int().min(0),
  more: z.boolean(),
  synced: z.boolean(),
});
export type EventChangesPage = z.infer<typeof eventChangesPageSchema>;
