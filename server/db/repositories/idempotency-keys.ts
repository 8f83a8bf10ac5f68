import type { Db } from '../database.ts';
import type { IdempotencyKeysTable } from '../schema.ts';

export type IdempotencyRecord = IdempotencyKeysTable;

/** Claims `key` for a new request; returns the existing record instead when the key is already known. */
export async function claimIdempotencyKey(
  db: Db,
  userId: string,
  key: string,
  requestHash: string,
  now: number,
  ttlMs: number,
): Promise<{ claimed: true } | { claimed: false; existing: IdempotencyRecord }> {
  const inserted = await db
    .insertInto('idempotency_keys')
    .values({ user_id: userId, key, request_hash: requestHash, state: 'in_flight', response_status: null, response_body: null, locked_at: now, expires_at: now + ttlMs })
    .onConflict((oc) => oc.columns(['user_id', 'key']).doNothing())
    .executeTakeFirst();
  if (Number(inserted.numInsertedOrUpdatedRows ?? 0n) === 1) return { claimed: true };
  const existing = await db.selectFrom('idempotency_keys').selectAll().where('user_id', '=', userId).where('key', '=', key).executeTakeFirstOrThrow();
  return { claimed: false, existing };
}

/** Takes over an in-flight record whose owner died (locked too long ago); false if someone else got it first. */
export async function stealStaleKey(db: Db, userId: string, key: string, lockedAt: number, now: number): Promise<boolean> {
  const result = await db
    .updateTable('idempotency_keys')
    .set({ locked_at: now })
    .where('user_id', '=', userId)
    .where('key', '=', key)
    .where('state', '=', 'in_flight')
    .where('locked_at', '=', lockedAt)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

export async function completeIdempotencyKey(db: Db, userId: string, key: string, status: number, body: string): Promise<void> {
  await db
    .updateTable('idempotency_keys')
    .set({ state: 'done', response_status: status, response_body: body })
    .where('user_id', '=', userId)
    .where('key', '=', key)
    .execute();
}

/** Lets a retry run again: used when the first attempt failed in a way worth retrying (Google unavailable). */
export async function releaseIdempotencyKey(db: Db, userId: string, key: string): Promise<void> {
  await db.deleteFrom('idempotency_keys').where('user_id', '=', userId).where('key', '=', key).where('state', '=', 'in_flight').execute();
}

export async function deleteExpiredIdempotencyKeys(db: Db, now: number): Promise<number> {
  const result = await db.deleteFrom('idempotency_keys').where('expires_at', '<=', now).executeTakeFirst();
  return Number(result.numDeletedRows);
}
