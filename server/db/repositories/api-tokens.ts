import { createHash, randomBytes, randomUUID } from 'node:crypto';
import type { Db } from '../database.ts';
import type { ApiTokenKind, ApiTokensTable } from '../schema.ts';
import { Secret } from '../../secret.ts';

export type ApiToken = ApiTokensTable;

/** Tokens are 256 random bits shown once; only their SHA-256 is stored, so a database leak yields nothing usable. */
export function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('base64url');
}

export async function issueApiToken(
  db: Db,
  userId: string,
  kind: ApiTokenKind,
  ttlMs: number,
  now: number,
  label: string | null = null,
): Promise<{ token: Secret; record: ApiToken }> {
  const token = `cat_${randomBytes(32).toString('base64url')}`;
  const record: ApiToken = {
    id: randomUUID(),
    user_id: userId,
    token_hash: hashToken(token),
    kind,
    label,
    created_at: now,
    expires_at: now + ttlMs,
    last_used_at: null,
    revoked_at: null,
  };
  await db.insertInto('api_tokens').values(record).execute();
  return { token: new Secret(token), record };
}

export async function findLiveToken(db: Db, token: string, now: number): Promise<ApiToken | undefined> {
  return db
    .selectFrom('api_tokens')
    .selectAll()
    .where('token_hash', '=', hashToken(token))
    .where('revoked_at', 'is', null)
    .where('expires_at', '>', now)
    .executeTakeFirst();
}

export async function touchToken(db: Db, id: string, now: number): Promise<void> {
  await db.updateTable('api_tokens').set({ last_used_at: now }).where('id', '=', id).execute();
}

export async function listLiveTokens(db: Db, userId: string, now: number): Promise<ApiToken[]> {
  return db
    .selectFrom('api_tokens')
    .selectAll()
    .where('user_id', '=', userId)
    .where('revoked_at', 'is', null)
    .where('expires_at', '>', now)
    .orderBy('created_at', 'desc')
    .execute();
}

export async function revokeToken(db: Db, userId: string, tokenId: string, now: number): Promise<boolean> {
  const result = await db
    .updateTable('api_tokens')
    .set({ revoked_at: now })
    .where('user_id', '=', userId)
    .where('id', '=', tokenId)
    .where('revoked_at', 'is', null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

export async function revokeAllTokens(db: Db, userId: string, now: number): Promise<void> {
  await db.updateTable('api_tokens').set({ revoked_at: now }).where('user_id', '=', userId).where('revoked_at', 'is', null).execute();
}
