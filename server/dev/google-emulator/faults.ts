import { z } from 'zod';
import { seededRandom } from '../../../shared/random/seeded-random.ts';

/**
 * Fault injection for reliability tests: the next N calls (or a fraction of
 * calls) matching a filter fail the way Google fails — 429 with Retry-After,
 * 403 rateLimitExceeded, 5xx — or are slowed down, or lose their connection.
 */
export const faultRuleSchema = z
  .object({
    kind: z.enum(['status', 'slow', 'drop']).default('status'),
    status: z.number().int().min(400).max(599).optional(),
    reason: z.string().optional(),
    retryAfterSec: z.number().int().min(0).optional(),
    delayMs: z.number().int().min(0).max(120_000).optional(),
    /** How many matching calls to affect; omitted with `fraction` means "until cleared". */
    count: z.number().int().min(1).optional(),
    /** Probability in [0, 1] that a matching call is affected (deterministic, seeded). */
    fraction: z.number().min(0).max(1).optional(),
    match: z
      .object({
        method: z.string().optional(),
        pathPrefix: z.string().optional(),
        operation: z.string().optional(),
        account: z.string().optional(),
      })
      .default({}),
  })
  .refine((r) => r.kind !== 'status' || r.status !== undefined, { message: 'status is required for kind "status"', path: ['status'] })
  .refine((r) => r.count !== undefined || r.fraction !== undefined, { message: 'count or fraction is required', path: ['count'] });

export type FaultRuleInput = z.input<typeof faultRuleSchema>;
export type FaultRule = z.output<typeof faultRuleSchema> & { id: number; hits: number };

export interface CallContext {
  method: string;
  path: string;
  operation: string;
  account: string | null;
}

export class FaultInjector {
  private rules: FaultRule[] = [];
  private nextId = 1;
  private random: () => number;

  constructor(seed = 1) {
    this.random = seededRandom(seed);
  }

  add(input: FaultRuleInput): FaultRule {
    const rule: FaultRule = { ...faultRuleSchema.parse(input), id: this.nextId++, hits: 0 };
    this.rules.push(rule);
    return rule;
  }

  list(): FaultRule[] {
    return this.rules.map((r) => ({ ...r }));
  }

  clear(): void {
    this.rules = [];
  }

  reseed(seed: number): void {
    this.random = seededRandom(seed);
  }

  /** The rule that applies to this call, if any; counts it against the rule's budget. */
  pick(call: CallContext): FaultRule | null {
    for (const rule of this.rules) {
      if (!matches(rule, call)) continue;
      if (rule.fraction !== undefined && this.random() >= rule.fraction) continue;
      rule.hits++;
      if (rule.count !== undefined) {
        rule.count--;
        if (rule.count === 0) this.rules = this.rules.filter((r) => r !== rule);
      }
      return { ...rule };
    }
    return null;
  }
}

function matches(rule: FaultRule, call: CallContext): boolean {
  const m = rule.match;
  if (m.method && m.method.toUpperCase() !== call.method.toUpperCase()) return false;
  if (m.pathPrefix && !call.path.startsWith(m.pathPrefix)) return false;
  if (m.operation && !call.operation.startsWith(m.operation)) return false;
  if (m.account && m.account.toLowerCase() !== call.account?.toLowerCase()) return false;
  return true;
}

/** Google's wording for each injectable status, so clients see what they would see from Google. */
export function faultError(status: number, reason?: string): { reason: string; message: string } {
  if (status === 429) return { reason: reason ?? 'rateLimitExceeded', message: 'Rate Limit Exceeded' };
  if (status === 403) {
    const r = reason ?? 'rateLimitExceeded';
    return { reason: r, message: r === 'userRateLimitExceeded' ? 'User Rate Limit Exceeded' : 'Rate Limit Exceeded' };
  }
  if (status === 503) return { reason: reason ?? 'backendError', message: 'The service is currently unavailable.' };
  if (status >= 500) return { reason: reason ?? 'backendError', message: 'Backend Error' };
  return { reason: reason ?? 'badRequest', message: 'Bad Request' };
}
