import type { Db } from '../database.ts';
import type { ConnectionStatus, GoogleConnectionsTable } from '../schema.ts';

export type GoogleConnection = GoogleConnectionsTable;

export async function findConnection(db: Db, userId: string): Promise<GoogleConnection | undefined> {
  return db.selectFrom('google_connections').selectAll().where('user_id', '=', userId).executeTakeFirst();
}

export interface ConnectionGrant {
  status: ConnectionStatus;
  scopes: string;
  /** Encrypted; null when Google sent none (re-consent without prompt=consent): the stored one is kept. */
  refreshTokenEnc: string | null;
  accessTokenEnc: string;
  accessTokenExpiresAt: number;
}

export async function saveConnectionGrant(db: Db, userId: string, grant: ConnectionGrant, now: number): Promise<void> {
  const values = {
    status: grant.status,
    scopes: grant.scopes,
    access_token_enc: grant.accessTokenEnc,
    access_token_expires_at: grant.accessTokenExpiresAt,
    updated_at: now,
    ...(grant.refreshTokenEnc ? { refresh_token_enc: grant.refreshTokenEnc } : {}),
  };
  await db
    .insertInto('google_connections')
    .values({ user_id: userId, created_at: now, refresh_token_enc: grant.refreshTokenEnc, ...values })
    .onConflict((oc) => oc.column('user_id').doUpdateSet(values))
    .execute();
}

export async function saveAccessToken(db: Db, userId: string, accessTokenEnc: string, expiresAt: number, now: number): Promise<void> {
  await db
    .updateTable('google_connections')
    .set({ access_token_enc: accessTokenEnc, access_token_expires_at: expiresAt, updated_at: now })
    .where('user_id', '=', userId)
    .execute();
}

/** Takes the refresh lease if nobody holds a live one; true when this owner now holds it. */
export async function claimRefreshLease(db: Db, userId: string, owner: string, until: number, now: number): Promise<boolean> {
  const result = await db
    .updateTable('google_connections')
    .set({ refresh_lease_until: until, refresh_lease_owner: owner })
    .where('user_id', '=', userId)
    .where((eb) => eb.or([eb('refresh_lease_until', 'is', null), eb('refresh_lease_until', '<=', now), eb('refresh_lease_owner', '=', owner)]))
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

export async function releaseRefreshLease(db: Db, userId: string, owner: string): Promise<void> {
  await db.updateTable('google_connections').set({ refresh_lease_until: null, refresh_lease_owner: null }).where('user_id', '=', userId).where('refresh_lease_owner', '=', owner).execute();
}

export async function saveRefreshToken(db: Db, userId: string, refreshTokenEnc: string, now: number): Promise<void> {
  await db.updateTable('google_connections').set({ refresh_token_enc: refreshTokenEnc, updated_at: now }).where('user_id', '=', userId).execute();
}

/** Forgets the stored access token if it is still `accessTokenEnc` (not one another caller has saved since). */
export async function clearAccessToken(db: Db, userId: string, accessTokenEnc: string, now: number): Promise<void> {
  await db
    .updateTable('google_connections')
    .set({ access_token_enc: null, access_token_expires_at: null, updated_at: now })
    .where('user_id', '=', userId)
    .where('access_token_enc', '=', accessTokenEnc)
    .execute();
}

export async function markConnection(db: Db, userId: string, status: ConnectionStatus, now: number): Promise<void> {
  await db
    .updateTable('google_connections')
    .set({ status, access_token_enc: null, access_token_expires_at: null, updated_at: now })
    .where('user_id', '=', userId)
    .execute();
}

export async function deleteConnection(db: Db, userId: string): Promise<void> {
  await db.deleteFrom('google_connections').where('user_id', '=', userId).execute();
}
