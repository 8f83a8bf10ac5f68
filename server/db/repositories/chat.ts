import type { Db } from '../database.ts';
import type { ChatProposalsTable, ChatStateTable, ProposalStatus } from '../schema.ts';

export type ChatProposalRow = ChatProposalsTable;

export async function saveProposal(db: Db, row: ChatProposalRow): Promise<void> {
  await db.insertInto('chat_proposals').values(row).execute();
}

export async function findProposal(db: Db, userId: string, id: string, now: number): Promise<ChatProposalRow | undefined> {
  return db.selectFrom('chat_proposals').selectAll().where('user_id', '=', userId).where('id', '=', id).where('expires_at', '>', now).executeTakeFirst();
}

/** Moves a proposal from one status to another; false when someone else moved it first (a double confirm). */
export async function transitionProposal(db: Db, userId: string, id: string, from: ProposalStatus, to: ProposalStatus, fields: Partial<Pick<ChatProposalRow, 'result' | 'confirmed_at'>> = {}): Promise<boolean> {
  const r = await db.updateTable('chat_proposals').set({ status: to, ...fields }).where('user_id', '=', userId).where('id', '=', id).where('status', '=', from).executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

export async function setProposalResult(db: Db, userId: string, id: string, result: string): Promise<void> {
  await db.updateTable('chat_proposals').set({ result }).where('user_id', '=', userId).where('id', '=', id).execute();
}

export async function lastConfirmedProposal(db: Db, userId: string, since: number): Promise<ChatProposalRow | undefined> {
  return db
    .selectFrom('chat_proposals')
    .selectAll()
    .where('user_id', '=', userId)
    .where('status', '=', 'confirmed')
    .where('confirmed_at', '>=', since)
    .orderBy('confirmed_at', 'desc')
    .orderBy('id', 'desc')
    .limit(1)
    .executeTakeFirst();
}

export async function saveChatState(db: Db, row: ChatStateTable): Promise<void> {
  await db
    .insertInto('chat_state')
    .values(row)
    .onConflict((oc) => oc.column('user_id').doUpdateSet({ awaiting: row.awaiting, intent: row.intent, message: row.message, expires_at: row.expires_at }))
    .execute();
}

export async function takeChatState(db: Db, userId: string, now: number): Promise<ChatStateTable | undefined> {
  const row = await db.selectFrom('chat_state').selectAll().where('user_id', '=', userId).executeTakeFirst();
  if (row) await db.deleteFrom('chat_state').where('user_id', '=', userId).execute();
  return row && row.expires_at > now ? row : undefined;
}

export async function deleteExpiredChat(db: Db, now: number): Promise<number> {
  const proposals = await db.deleteFrom('chat_proposals').where('expires_at', '<=', now).executeTakeFirst();
  const states = await db.deleteFrom('chat_state').where('expires_at', '<=', now).executeTakeFirst();
  return Number(proposals.numDeletedRows) + Number(states.numDeletedRows);
}
