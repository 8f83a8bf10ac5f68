/**
 * Errors in the JSON shape Google's APIs use, so the official clients surface
 * them as they would from Google (GaxiosError with status, message, reasons).
 */
export interface GoogleErrorDetail {
  message: string;
  domain: string;
  reason: string;
  location?: string;
  locationType?: string;
}

const STATUS_BY_CODE: Record<number, string> = {
  400: 'INVALID_ARGUMENT',
  401: 'UNAUTHENTICATED',
  403: 'PERMISSION_DENIED',
  404: 'NOT_FOUND',
  409: 'ALREADY_EXISTS',
  410: 'FAILED_PRECONDITION',
  412: 'FAILED_PRECONDITION',
  429: 'RESOURCE_EXHAUSTED',
  500: 'INTERNAL',
  503: 'UNAVAILABLE',
};

export class GoogleApiError extends Error {
  readonly code: number;
  readonly reason: string;
  readonly location: string | undefined;
  readonly headers: Record<string, string>;

  constructor(
    code: number,
    reason: string,
    message: string,
    options: { location?: string; headers?: Record<string, string> } = {},
  ) {
    super(message);
    this.code = code;
    this.reason = reason;
    this.location = options.location;
    this.headers = options.headers ?? {};
  }

  toJSON(): { error: { code: number; message: string; errors: GoogleErrorDetail[]; status?: string } } {
    const detail: GoogleErrorDetail = { domain: domainFor(this.reason), reason: this.reason, message: this.message };
    if (this.location) {
      detail.location = this.location;
      detail.locationType = this.reason === 'required' && this.location === 'Authorization' ? 'header' : 'parameter';
    }
    const status = STATUS_BY_CODE[this.code];
    return { error: { code: this.code, message: this.message, errors: [detail], ...(status ? { status } : {}) } };
  }
}

function domainFor(reason: string): string {
  if (reason === 'rateLimitExceeded' || reason === 'userRateLimitExceeded') return 'usageLimits';
  if (reason === 'insufficientPermissions') return 'global';
  return 'global';
}

export const errors = {
  badRequest: (message = 'Bad Request', location?: string) =>
    new GoogleApiError(400, 'badRequest', message, location ? { location } : {}),
  invalid: (message: string, location?: string) =>
    new GoogleApiError(400, 'invalid', message, location ? { location } : {}),
  required: (message: string, location?: string) =>
    new GoogleApiError(400, 'required', message, location ? { location } : {}),
  timeRangeEmpty: () => new GoogleApiError(400, 'timeRangeEmpty', 'The specified time range is empty.', { location: 'timeMax' }),
  unauthenticated: () =>
    new GoogleApiError(
      401,
      'required',
      'Request is missing required authentication credential. Expected OAuth 2 access token, login cookie or other valid authentication credential.',
      { location: 'Authorization' },
    ),
  invalidCredentials: () =>
    new GoogleApiError(
      401,
      'authError',
      'Request had invalid authentication credentials. Expected OAuth 2 access token, login cookie or other valid authentication credential.',
      { location: 'Authorization' },
    ),
  insufficientScopes: () =>
    new GoogleApiError(403, 'insufficientPermissions', 'Request had insufficient authentication scopes.'),
  notFound: () => new GoogleApiError(404, 'notFound', 'Not Found'),
  duplicate: () => new GoogleApiError(409, 'duplicate', 'The requested identifier already exists.'),
  deleted: () => new GoogleApiError(410, 'deleted', 'Resource has been deleted'),
  fullSyncRequired: () =>
    new GoogleApiError(410, 'fullSyncRequired', 'Sync token is no longer valid, a full sync is required.'),
  conditionNotMet: () => new GoogleApiError(412, 'conditionNotMet', 'Precondition Failed', { location: 'If-Match' }),
};
