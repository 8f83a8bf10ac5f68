import { z } from 'zod';

const instant = z.string().datetime({ offset: true });

/**
 * A confirmed change Google has not taken yet: being tried again in the
 * background (pending), or given up on (dead) and waiting for the user to try
 * again or dismiss it.
 */
export const writeRetrySchema = z.object({
  id: z.string(),
  proposalId: z.string(),
  /** What the write does, as the user confirmed it. */
  label: z.string(),
  status: z.enum(['pending', 'dead']),
  attempts: z.number().int(),
  nextAttemptAt: instant.optional(),
  /** The error code of the last refusal: upstream_unavailable, quota_exceeded, conflict, expired, … */
  lastError: z.string().optional(),
  createdAt: instant,
});
export type WriteRetry = z.infer<typeof writeRetrySchema>;

export const writeRetryListSchema = z.object({ items: z.array(writeRetrySchema) });
