import { createHash } from 'node:crypto';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { ApiError, apiErrors } from './api-error.ts';
import { base32hex } from '../shared/encoding/base32hex.ts';
import {
  claimIdempotencyKey,
  completeIdempotencyKey,
  releaseIdempotencyKey,
  stealStaleKey,
} from './db/repositories/idempotency-keys.ts';
import type { Db } from './db/database.ts';

/** First responses are kept this long (Stripe keeps 24 h; we keep two days). */
export const IDEMPOTENCY_TTL_MS = 48 * 3_600_000;
/** An in-flight key older than this belonged to a request that died; a retry may take it over. */
const STALE_LOCK_MS = 60_000;

export const IDEMPOTENCY_HEADER = 'idempotency-key';

/** The Google event id a create with this key writes: the same key always names the same event. */
export function eventIdForKey(userId: string, key: string): string {
  return `ca${base32hex(createHash('sha256').update(`${userId}\n${key}`).digest()).slice(0, 30)}`;
}

export function readIdempotencyKey(request: FastifyRequest, required: boolean): string | undefined {
  const value = request.headers[IDEMPOTENCY_HEADER];
  if (value === undefined) {
    if (required) throw apiErrors.invalid('Idempotency-Key', 'Send an Idempotency-Key header (e.g. a UUID) so a retried create cannot duplicate the event.');
    return undefined;
  }
  if (typeof value !== 'string' || !/^[\x21-\x7e]{8,255}$/.test(value)) {
    throw apiErrors.invalid('Idempotency-Key', 'Idempotency-Key must be 8 to 255 visible ASCII characters.');
  }
  return value;
}

/**
 * Runs a write at most once per key (Stripe's design): a replay gets the stored
 * first response, the same key with a different request is 422, a key whose
 * first request is still running is 409. Failures worth retrying (Google
 * unavailable) release the key so the retry runs again — safely, since the
 * event id comes from the key.
 */
export async function withIdempotency(
  db: Db,
  request: FastifyRequest,
  reply: FastifyReply,
  userId: string,
  key: string | undefined,
  now: number,
  run: () => Promise<{ status: number; body: unknown }>,
): Promise<unknown> {
  if (!key) {
    const result = await run();
    return reply.code(result.status).send(result.body);
  }
  const requestHash = createHash('sha256').update(`${request.method} ${request.routeOptions.url}\n${JSON.stringify(request.params)}\n${JSON.stringify(request.query)}\n${JSON.stringify(request.body ?? null)}`).digest('base64url');
  const claim = await claimIdempotencyKey(db, userId, key, requestHash, now, IDEMPOTENCY_TTL_MS);
  if (!claim.claimed) {
    const existing = claim.existing;
    if (existing.request_hash !== requestHash) {
      throw new ApiError(422, 'idempotency_key_reused', 'This Idempotency-Key was used for a different request.', { field: 'Idempotency-Key' });
    }
    if (existing.state === 'done') {
      return reply.code(existing.response_status!).header('idempotent-replayed', 'true').send(existing.response_body ? JSON.parse(existing.response_body) : undefined);
    }
    if (now - existing.locked_at < STALE_LOCK_MS || !(await stealStaleKey(db, userId, key, existing.locked_at, now))) {
      throw new ApiError(409, 'request_in_progress', 'A request with this Idempotency-Key is still being processed.', { field: 'Idempotency-Key' });
    }
  }
  try {
    const result = await run();
    await completeIdempotencyKey(db, userId, key, result.status, JSON.stringify(result.body ?? null));
    return reply.code(result.status).send(result.body);
  } catch (error) {
    if (error instanceof ApiError && error.status < 500 && error.code !== 'reconnect_required' && error.code !== 'rate_limited') {
      await completeIdempotencyKey(db, userId, key, error.status, JSON.stringify(error.toBody()));
    } else {
      await releaseIdempotencyKey(db, userId, key);
    }
    throw error;
  }
}
