/**
 * What a failed Google call means for us, read from the GaxiosError. Checked by
 * status and reason, never instanceof: two copies of gaxios may be installed.
 */
export interface GoogleFailure {
  kind: 'retryable' | 'quota' | 'auth' | 'client' | 'not_found' | 'gone' | 'conflict' | 'precondition';
  status: number | null;
  reason: string | null;
  retryAfterMs: number | null;
}

const NETWORK_CODES = new Set(['ECONNRESET', 'ECONNREFUSED', 'ETIMEDOUT', 'EPIPE', 'ENOTFOUND', 'EAI_AGAIN', 'UND_ERR_SOCKET', 'ECONNABORTED']);

export function classifyGoogleError(error: unknown): GoogleFailure {
  const e = error as { status?: number; code?: string | number; response?: { status?: number; headers?: unknown; data?: unknown }; cause?: { code?: string }; name?: string };
  const status = e.status ?? e.response?.status ?? (typeof e.code === 'number' ? e.code : null);
  const reason = reasonOf(e.response?.data);
  const retryAfterMs = retryAfter(e.response?.headers);
  const base = { status: status ?? null, reason, retryAfterMs };
  if (!status) {
    const code = typeof e.code === 'string' ? e.code : e.cause?.code;
    // Connection resets, timeouts and aborted requests: the call may or may not have happened; our writes are idempotent.
    if ((code && NETWORK_CODES.has(code)) || e.name === 'AbortError' || e.name === 'TimeoutError' || /timeout|socket hang up|fetch failed/i.test(String((error as Error)?.message))) {
      return { ...base, kind: 'retryable' };
    }
    return { ...base, kind: 'client' };
  }
  if (status === 429 || status >= 500) return { ...base, kind: 'retryable' };
  if (status === 403 && (reason === 'rateLimitExceeded' || reason === 'userRateLimitExceeded')) return { ...base, kind: 'retryable' };
  if (status === 403 && (reason === 'quotaExceeded' || reason === 'dailyLimitExceeded')) return { ...base, kind: 'quota' };
  if (status === 401) return { ...base, kind: 'auth' };
  if (status === 403 && reason === 'insufficientPermissions') return { ...base, kind: 'auth' };
  if (status === 404) return { ...base, kind: 'not_found' };
  if (status === 409) return { ...base, kind: 'conflict' };
  if (status === 410) return { ...base, kind: 'gone' };
  if (status === 412) return { ...base, kind: 'precondition' };
  return { ...base, kind: 'client' };
}

function reasonOf(data: unknown): string | null {
  const errors = (data as { error?: { errors?: Array<{ reason?: string }> } } | undefined)?.error?.errors;
  return errors?.[0]?.reason ?? null;
}

function retryAfter(headers: unknown): number | null {
  if (!headers) return null;
  const h = headers as { get?: (n: string) => string | null } & Record<string, string>;
  const value = typeof h.get === 'function' ? h.get('retry-after') : h['retry-after'];
  if (!value) return null;
  const seconds = Number(value);
  if (Number.isFinite(seconds)) return Math.max(0, seconds * 1000);
  const date = Date.parse(value);
  return Number.isNaN(date) ? null : Math.max(0, date - Date.now());
}
