import { setTimeout as delay } from 'node:timers/promises';
import { EXTENSION_REDIRECT } from '../support/companion.ts';
import type { Answer, RoundRobin } from './companion-processes.ts';

/** What the simulated clients saw, for the figures and the assertions. */
export class RunFigures {
  confirmRequests = 0;
  /** Confirms sent again after a 5xx, a 202 or a lost connection. */
  retries = 0;
  accepted202 = 0;
  doubleConfirms = 0;
  /** Set when an instance is killed: confirms answered afterwards show the run went on past it. */
  killedAt = 0;
  confirmsAfterKill = 0;
  /** HTTP status → how many confirm answers had it. */
  readonly confirmStatuses = new Map<number, number>();
  /** Answers no client should ever see (a 500, a 409 on a fresh proposal, a confirm of nothing). */
  readonly unexpected: string[] = [];

  count(answer: Answer): void {
    this.confirmStatuses.set(answer.status, (this.confirmStatuses.get(answer.status) ?? 0) + 1);
    if (answer.status === 202) this.accepted202++;
    if (this.killedAt) this.confirmsAfterKill++;
    const expected = answer.status === 200 || answer.status === 202 || answer.status === 503;
    if (!expected) this.unexpected.push(`${answer.instance}: ${answer.status} ${JSON.stringify(answer.body).slice(0, 300)}`);
  }
}

export interface SimulatedUser {
  email: string;
  token: string;
}

/** One event a user asks for and confirms, and how its confirm ended as the client saw it. */
export interface SimulatedWrite {
  user: SimulatedUser;
  /** Unique across the run: the event is found in Google by it. */
  title: string;
  proposalId?: string;
  outcome: 'unconfirmed' | 'confirmed' | 'queued' | 'failed';
  /** The instance that answered 202 for this write, if one did. */
  queuedAt?: string;
  /** The event id the confirm answered with. */
  eventId?: string;
}

/**
 * The extension's sign-in over real HTTP, each step to the next instance in the
 * rotation (the sign-in round trip lives in the shared database): start at the
 * companion, consent at the emulator (auto-approved), back to the callback,
 * then trade the one-time code for an API token.
 */
export async function signInOverHttp(lb: RoundRobin, email: string): Promise<string> {
  const start = await lb.fetch(`/auth/google/calendar?client=extension&redirect=${encodeURIComponent(EXTENSION_REDIRECT)}&state=scale`, { redirect: 'manual' });
  if (start.status !== 302) throw new Error(`sign-in start: ${start.status} ${JSON.stringify(start.body)}`);
  const authorize = new URL(start.headers.get('location')!);
  authorize.searchParams.set('login_hint', email);
  const consent = await fetch(authorize, { redirect: 'manual', signal: AbortSignal.timeout(10_000) });
  if (consent.status !== 302) throw new Error(`consent: ${consent.status} ${await consent.text()}`);
  const back = new URL(consent.headers.get('location')!);
  const callback = await lb.fetch(`${back.pathname}${back.search}`, { redirect: 'manual' });
  const toExtension = callback.status === 302 ? new URL(callback.headers.get('location')!) : null;
  const code = toExtension?.searchParams.get('code');
  if (!code) throw new Error(`callback: ${callback.status} ${toExtension ?? JSON.stringify(callback.body)}`);
  const exchanged = await lb.fetch('/auth/extension/token', { body: { code } });
  if (exchanged.status !== 200) throw new Error(`token: ${exchanged.status} ${JSON.stringify(exchanged.body)}`);
  return exchanged.body.token as string;
}

/** Asks for the user's event; a 5xx is asked again (bounded). Returns the proposal to confirm. */
export async function proposeEvent(lb: RoundRobin, write: SimulatedWrite): Promise<string> {
  for (let attempt = 1; ; attempt++) {
    const res = await lb.fetch('/api/chat/message', { token: write.user.token, body: { text: `${write.title} on January 12 2027 at 1pm`, timeZone: 'UTC' } });
    const proposal = res.body.proposal as { id: string; kind: string; options: Array<{ action: string; event: { title: string } }> } | undefined;
    if (res.status === 200 && proposal) {
      if (proposal.kind !== 'confirm' || proposal.options[0]?.action !== 'create' || proposal.options[0].event.title.toLowerCase() !== write.title) {
        throw new Error(`unexpected proposal for ${write.title}: ${JSON.stringify(proposal)}`);
      }
      write.proposalId = proposal.id;
      return proposal.id;
    }
    if (res.status < 500 || attempt >= 5) throw new Error(`chat message for ${write.user.email}: ${res.status} ${JSON.stringify(res.body)}`);
    await delay(100 * attempt);
  }
}

/** One confirm, through the load balancer (or pinned to one instance). */
export async function confirmOnce(lb: RoundRobin, write: SimulatedWrite, figures: RunFigures, pin?: number): Promise<Answer> {
  figures.confirmRequests++;
  const answer = await lb.fetch('/api/chat/confirm', { token: write.user.token, body: { proposalId: write.proposalId, optionId: '0' } }, pin);
  figures.count(answer);
  settleFrom(write, answer);
  return answer;
}

function settleFrom(write: SimulatedWrite, answer: Answer): void {
  const status = answer.body.status;
  if (answer.status === 200 && status === 'confirmed') {
    write.outcome = 'confirmed';
    write.eventId = (answer.body.event as { id?: string } | undefined)?.id ?? write.eventId;
  } else if (answer.status === 200 && status === 'failed') {
    write.outcome = 'failed';
  } else if (answer.status === 202 && write.outcome !== 'confirmed') {
    write.outcome = 'queued';
    write.queuedAt ??= answer.instance;
  }
}

/**
 * Confirms as a client does whose network is unreliable: a 5xx, a lost
 * connection or a 202 makes it confirm again (same proposal: idempotent), a
 * bounded number of times with a growing pause. `double` confirms on both
 * instances at once first, as a user clicking twice on two devices.
 */
export async function confirmWithRetries(lb: RoundRobin, write: SimulatedWrite, figures: RunFigures, options: { double: boolean; attempts: number }): Promise<void> {
  for (let attempt = 0; attempt < options.attempts; attempt++) {
    if (attempt > 0) figures.retries++;
    if (attempt === 0 && options.double) {
      figures.doubleConfirms++;
      await Promise.all([confirmOnce(lb, write, figures, 0), confirmOnce(lb, write, figures, 1)]);
    } else {
      await confirmOnce(lb, write, figures);
    }
    if (write.outcome === 'confirmed' || write.outcome === 'failed') return;
    await delay(write.outcome === 'queued' ? 500 : 100 * 2 ** attempt);
  }
}
