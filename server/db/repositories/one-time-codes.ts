import { randomBytes } from 'node:crypto';
import type { Db } from '../database.ts';
import { Secret } from '../../secret.ts';
import { hashToken } from './api-tokens.ts';

/**
 * A short-lived code handed through a redirect (e.g. to the extension), exchanged once for something lasting.
 * `code` replaces the default 192 random bits where a person must type it (the Telegram link code).
 */
export async function issueOneTimeCode(db: Db, userId: string, purpose: string, ttlMs: number, now: number, code = randomBytes(24).toString('base64url')): Promise<Secret> {
  await db.insertInto('one_time_codes').values({ code_hash: hashToken(code), user_id: userId, purpose, expires_at: now + ttlMs, used_at: null }).execute();
  return new Secret(code);
}

/** The user the code was issued to, if it is unused, unexpired and for this purpose; marks it used either way. */
export async function redeemOneTimeCode(db: Db, code: string, purpose: string, now: number): Promise<string | undefined> {
  const hash = hashToken(code);
  const claimed = await db
    .updateTable('one_time_codes')
    .set({ used_at: now })
    .where('code_hash', '=', hash)
    .where('used_at', 'is', null)
    .executeTakeFirst();
  if (Number(claimed.numUpdatedRows) !== 1) return undefined;
  const row = await db.selectFrom('one_time_codes').selectAll().where('code_hash', '=', hash).executeTakeFirst();
  if (!row || row.purpose !== purpose || row.expires_at <= now) return undefined;
  return row.user_id;
}

/** Voids the user's unused codes for this purpose: a new link code replaces the one shown before. */
export async function voidUnusedCodes(db: Db, userId: string, purpose: string, now: number): Promise<void> {
  await db.updateTable('one_time_codes').set({ used_at: now }).where('user_id', '=', userId).where('purpose', '=', purpose).where('used_at', 'is', null).execute();
}
