import { z } from 'zod';

/**
 * Every error the companion returns: a stable code the UI maps to a message
 * (never match on `message`), and for bad input the field it is about.
 */
export const apiErrorCodes = [
  'invalid_request',
  'unauthorized',
  'reconnect_required',
  'not_connected',
  'insufficient_scope',
  'forbidden',
  'not_found',
  'conflict',
  'idempotency_key_reused',
  'request_in_progress',
  'rate_limited',
  'upstream_unavailable',
  'quota_exceeded',
  'internal',
] as const;
export type ApiErrorCode = (typeof apiErrorCodes)[number];

export const apiErrorSchema = z.object({
  error: z.enum(apiErrorCodes),
  message: z.string(),
  field: z.string().optional(),
  retryAfterSeconds: z.number().optional(),
  current: z.unknown().optional(),
});
export type ApiErrorBody = z.infer<typeof apiErrorSchema>;
