import type { FastifyBaseLogger } from 'fastify';
import type { ProposalExecutor } from '../assistant/proposal-executor.ts';
import type { Db } from '../db/database.ts';
import { claimDueWriteRetry } from '../db/repositories/write-retries.ts';

/** Writes tried per sweep: the rest wait for the next one rather than hold the job for long. */
const BATCH = 50;

/**
 * The `retry-writes` job: writes whose backoff has passed, each taken by one
 * instance only (a lease on its row), tried again through the proposal
 * executor. One at a time: the lease covers one try, not a batch waiting its
 * turn, so it can be short and an instance that dies mid-try lets its write go
 * soon. The event ids come from the proposal, so however often a write is
 * tried (even by two instances, if a lease lapses mid-try) it lands once.
 */
export async function retryQueuedWrites(db: Db, proposals: ProposalExecutor, log: FastifyBaseLogger, now: () => number): Promise<Record<string, number>> {
  const summary = { due: 0, done: 0, later: 0, dead: 0 };
  for (let n = 0; n < BATCH; n++) {
    const retry = await claimDueWriteRetry(db, now(), proposals.retryLeaseMs);
    if (!retry) break;
    summary.due++;
    const outcome = await proposals.retryQueued(retry);
    summary[outcome]++;
    if (outcome === 'dead') log.warn({ userId: retry.user_id, proposalId: retry.proposal_id, attempts: retry.attempts + 1 }, 'write given up after retries');
  }
  return summary;
}
