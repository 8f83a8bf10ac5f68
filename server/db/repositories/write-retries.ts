import type { Db } from '../database.ts';
import type { WriteRetriesTable, WriteRetryStatus } from '../schema.ts';

export type WriteRetryRow = WriteRetriesTable;

/** Finished retries are kept a day (the user may still look), dead letters a week. */
const KEEP_DONE_MS = 24 * 3_600_000;
const KEEP_DEAD_MS = 7 * 24 * 3_600_000;

export async function insertWriteRetry(db: Db, row: WriteRetryRow): Promise<void> {
  await db.insertInto('write_retries').values(row).onConflict((oc) => oc.columns(['user_id', 'proposal_id']).doNothing()).execute();
}

export async function findWriteRetry(db: Db, userId: string, id: string): Promise<WriteRetryRow | undefined> {
  return db.selectFrom('write_retries').selectAll().where('user_id', '=', userId).where('id', '=', id).executeTakeFirst();
}

export async function findWriteRetryForProposal(db: Db, userId: string, proposalId: string): Promise<WriteRetryRow | undefined> {
  return db.selectFrom('write_retries').selectAll().where('user_id', '=', userId).where('proposal_id', '=', proposalId).executeTakeFirst();
}

/** The user's writes still being tried and those given up on, newest first. */
export async function listWriteRetries(db: Db, userId: string): Promise<WriteRetryRow[]> {
  return db.selectFrom('write_retries').selectAll().where('user_id', '=', userId).where('status', 'in', ['pending', 'dead']).orderBy('created_at', 'desc').limit(100).execute();
}

/**
 * Takes one due retry for `leaseMs`: a row is taken by one instance only (a
 * conditional update), and a lease left by an instance that died lapses. The
 * row comes back with its `lease_until`, which the holder's outcome is fenced by.
 */
export async function claimDueWriteRetry(db: Db, now: number, leaseMs: number): Promise<WriteRetryRow | undefined> {
  // A few candidates, so that losing the first to another instance does not end this sweep.
  const due = await db
    .selectFrom('write_retries')
    .select('id')
    .where('status', '=', 'pending')
    .where('next_attempt_at', '<=', now)
    .where((eb) => eb.or([eb('lease_until', 'is', null), eb('lease_until', '<', now)]))
    .orderBy('next_attempt_at')
    .limit(8)
    .execute();
  for (const { id } of due) {
    const taken = await db
      .updateTable('write_retries')
      .set({ lease_until: now + leaseMs })
      .where('id', '=', id)
      .where('status', '=', 'pending')
      .where((eb) => eb.or([eb('lease_until', 'is', null), eb('lease_until', '<', now)]))
      .executeTakeFirst();
    if (Number(taken.numUpdatedRows) !== 1) continue;
    const row = await db.selectFrom('write_retries').selectAll().where('id', '=', id).executeTakeFirst();
    if (row) return row;
  }
  return undefined;
}

/**
 * After a try: when to try next (or done / dead), and why it failed; the lease is let go. Recorded only while
 * the lease taken is still the row's (`leaseUntil`): a holder whose lease lapsed and was taken over by another
 * instance does not overwrite what that one decides. False when nothing was recorded.
 */
export async function recordWriteAttempt(
  db: Db,
  userId: string,
  id: string,
  fields: { status: WriteRetryStatus; attempts: number; nextAttemptAt: number; lastError: string | null },
  now: number,
  leaseUntil: number | null,
): Promise<boolean> {
  const r = await db
    .updateTable('write_retries')
    .set({ status: fields.status, attempts: fields.attempts, next_attempt_at: fields.nextAttemptAt, last_error: fields.lastError, lease_until: null, updated_at: now })
    .where('user_id', '=', userId)
    .where('id', '=', id)
    .where((eb) => (leaseUntil === null ? eb('lease_until', 'is', null) : eb('lease_until', '=', leaseUntil)))
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

/** A dead letter the user asks to try again: from the start, now. False when it is not dead. */
export async function reviveWriteRetry(db: Db, userId: string, id: string, now: number): Promise<boolean> {
  const r = await db
    .updateTable('write_retries')
    .set({ status: 'pending', attempts: 0, next_attempt_at: now, lease_until: null, updated_at: now })
    .where('user_id', '=', userId)
    .where('id', '=', id)
    .where('status', '=', 'dead')
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

/**
 * The user dismisses a dead letter, or calls off a write still waiting for its next try. Not one being
 * tried this moment (its lease is held): 'busy'. 'none' when there is no such write.
 */
export async function withdrawWriteRetry(db: Db, userId: string, id: string, now: number): Promise<WriteRetryRow | 'busy' | 'none'> {
  const row = await findWriteRetry(db, userId, id);
  if (!row || row.status === 'done') return 'none';
  const r = await db
    .deleteFrom('write_retries')
    .where('user_id', '=', userId)
    .where('id', '=', id)
    .where('status', 'in', ['pending', 'dead'])
    .where((eb) => eb.or([eb('lease_until', 'is', null), eb('lease_until', '<', now)]))
    .executeTakeFirst();
  return Number(r.numDeletedRows) === 1 ? row : 'busy';
}

export async function deleteOldWriteRetries(db: Db, now: number): Promise<number> {
  const r = await db
    .deleteFrom('write_retries')
    .where((eb) => eb.or([eb.and([eb('status', '=', 'done'), eb('updated_at', '<', now - KEEP_DONE_MS)]), eb.and([eb('status', '=', 'dead'), eb('updated_at', '<', now - KEEP_DEAD_MS)])]))
    .executeTakeFirst();
  return Number(r.numDeletedRows);
}
