import type { FastifyBaseLogger } from 'fastify';
import type { ProposalExecutor } from '../assistant/proposal-executor.ts';
import type { Db } from '../db/database.ts';
import { claimDueWriteRetries } from '../db/repositories/write-retries.ts';

/** How long one instance holds a write it is trying; one that dies mid-try lets it go after this. */
export const WRITE_RETRY_LEASE_MS = 60_000;
/** Writes tried per sweep: the rest wait for the next one rather than hold the job for long. */
const BATCH = 50;

/**
 * The `retry-writes` job: writes whose backoff has passed, each taken by one
 * instance only (a lease on its row), tried again through the proposal
 * executor. The event ids come from the proposal, so however often a write is
 * tried it lands once.
 */
export async function retryQueuedWrites(db: Db, proposals: ProposalExecutor, log: FastifyBaseLogger, now: number): Promise<Record<string, number>> {
  const due = await claimDueWriteRetries(db, now, WRITE_RETRY_LEASE_MS, BATCH);
  const summary = { due: due.length, done: 0, later: 0, dead: 0 };
  for (const retry of due) {
    const outcome = await proposals.retryQueued(retry);
    summary[outcome]++;
    if (outcome === 'dead') log.warn({ userId: retry.user_id, proposalId: retry.proposal_id, attempts: retry.attempts + 1 }, 'write given up after retries');
  }
  return summary;
}
