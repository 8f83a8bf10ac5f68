import type { Db } from '../database.ts';
import type { AuthRequestsTable } from '../schema.ts';

export type AuthRequest = AuthRequestsTable;

export async function saveAuthRequest(db: Db, request: AuthRequest): Promise<void> {
  await db.insertInto('auth_requests').values(request).execute();
}

/**
 * Takes the pending request for `state` out of the store: a state works once,
 * and only before it expires. Deleting first makes a replay race lose.
 */
export async function consumeAuthRequest(db: Db, state: string, now: number): Promise<AuthRequest | undefined> {
  const row = await db.selectFrom('auth_requests').selectAll().where('state', '=', state).executeTakeFirst();
  if (!row) return undefined;
  const deleted = await db.deleteFrom('auth_requests').where('state', '=', state).executeTakeFirst();
  if (Number(deleted.numDeletedRows) !== 1 || row.expires_at <= now) return undefined;
  return row;
}

export async function deleteExpiredAuthRequests(db: Db, now: number): Promise<number> {
  const result = await db.deleteFrom('auth_requests').where('expires_at', '<=', now).executeTakeFirst();
  return Number(result.numDeletedRows);
}
