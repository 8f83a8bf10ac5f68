import type { ApiErrorBody, ApiErrorCode } from '../shared/schemas/api-error.ts';

/** An error the API answers with its own status and code; anything else thrown is a 500 with a generic message. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: ApiErrorCode,
    message: string,
    readonly extra: Omit<ApiErrorBody, 'error' | 'message'> = {},
    readonly headers: Record<string, string> = {},
  ) {
    super(message);
  }

  toBody(): ApiErrorBody {
    return { error: this.code, message: this.message, ...this.extra };
  }
}

export const apiErrors = {
  invalid: (field: string, message: string) => new ApiError(400, 'invalid_request', message, { field }),
  unauthorized: () => new ApiError(401, 'unauthorized', 'Sign in first: send "Authorization: Bearer <token>" or a session cookie.'),
  reconnectRequired: () =>
    new ApiError(401, 'reconnect_required', 'Google no longer accepts this connection (revoked or expired). Connect Google Calendar again.'),
  notConnected: () => new ApiError(403, 'not_connected', 'Google Calendar is not connected yet. Open /auth/google/calendar to connect it.'),
  insufficientScope: () =>
    new ApiError(403, 'insufficient_scope', 'Calendar access was not granted on Google\'s consent screen. Connect again and tick the calendar permission.'),
  notFound: (what = 'Not found') => new ApiError(404, 'not_found', what),
  conflict: (current?: unknown) => new ApiError(409, 'conflict', 'The event changed since you read it.', current === undefined ? {} : { current }),
  upstreamUnavailable: (retryAfterSeconds?: number) =>
    new ApiError(503, 'upstream_unavailable', 'Google Calendar is not answering right now; try again shortly.', retryAfterSeconds ? { retryAfterSeconds } : {}, retryAfterSeconds ? { 'retry-after': String(retryAfterSeconds) } : {}),
  quotaExceeded: (retryAfterSeconds: number) =>
    new ApiError(503, 'quota_exceeded', 'Google Calendar\'s daily quota for this app is used up; writes will work again later.', { retryAfterSeconds }, { 'retry-after': String(retryAfterSeconds) }),
};
