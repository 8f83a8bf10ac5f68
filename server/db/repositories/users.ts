import { randomUUID } from 'node:crypto';
import type { Db } from '../database.ts';
import type { UsersTable } from '../schema.ts';

export type User = UsersTable;

export interface Identity {
  iss: string;
  sub: string;
  email: string;
  emailVerified: boolean;
  name: string | null;
  picture: string | null;
}

/** Finds the user by issuer and subject or creates them; email and profile follow what Google says now. */
export async function upsertUserByIdentity(db: Db, identity: Identity, now: number): Promise<User> {
  const id = randomUUID();
  await db
    .insertInto('users')
    .values({
      id,
      iss: identity.iss,
      sub: identity.sub,
      email: identity.email,
      email_verified: identity.emailVerified ? 1 : 0,
      name: identity.name,
      picture: identity.picture,
      time_zone: null,
      created_at: now,
      updated_at: now,
    })
    .onConflict((oc) =>
      oc.columns(['iss', 'sub']).doUpdateSet({
        email: identity.email,
        email_verified: identity.emailVerified ? 1 : 0,
        name: identity.name,
        picture: identity.picture,
        updated_at: now,
      }),
    )
    .execute();
  return db.selectFrom('users').selectAll().where('iss', '=', identity.iss).where('sub', '=', identity.sub).executeTakeFirstOrThrow();
}

export async function findUser(db: Db, userId: string): Promise<User | undefined> {
  return db.selectFrom('users').selectAll().where('id', '=', userId).executeTakeFirst();
}

export async function setUserTimeZone(db: Db, userId: string, timeZone: string, now: number): Promise<void> {
  await db.updateTable('users').set({ time_zone: timeZone, updated_at: now }).where('id', '=', userId).execute();
}
