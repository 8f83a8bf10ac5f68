import type { ApiErrorCode } from '../../shared/schemas/api-error.ts';
import { loadSettings } from './settings.ts';
import { readToken } from './token-store.ts';

/** A companion error as a value with its code; the UI maps codes to messages, never message text. */
export class CompanionError extends Error {
  constructor(
    readonly status: number,
    readonly code: ApiErrorCode | 'offline',
    message: string,
    readonly field?: string,
  ) {
    super(message);
  }
}

export interface RequestOptions {
  method?: 'GET' | 'POST' | 'PATCH' | 'DELETE';
  body?: unknown;
  idempotencyKey?: string;
  signal?: AbortSignal;
}

/** The one place the extension talks to the companion. */
export async function companion<T>(path: string, options: RequestOptions = {}): Promise<T> {
  const [{ companionUrl }, token] = await Promise.all([loadSettings(), readToken()]);
  const headers: Record<string, string> = {};
  if (token) headers.authorization = `Bearer ${token}`;
  // The web dashboard has no token but the companion's session cookie, whose writes need the CSRF echo.
  const csrf = !token && typeof document !== 'undefined' ? /(?:^|;\s*)ca_csrf=([^;]+)/.exec(document.cookie)?.[1] : undefined;
  if (csrf) headers['x-csrf-token'] = csrf;
  if (options.body !== undefined) headers['content-type'] = 'application/json';
  if (options.idempotencyKey) headers['idempotency-key'] = options.idempotencyKey;
  let res: Response;
  try {
    res = await fetch(`${companionUrl}${path}`, {
      method: options.method ?? 'GET',
      credentials: 'same-origin',
      headers,
      ...(options.body !== undefined ? { body: JSON.stringify(options.body) } : {}),
      ...(options.signal ? { signal: options.signal } : {}),
    });
  } catch {
    throw new CompanionError(0, 'offline', 'The companion server cannot be reached.');
  }
  if (res.status === 204) return undefined as T;
  const data = (await res.json().catch(() => ({}))) as { error?: ApiErrorCode; message?: string; field?: string };
  if (!res.ok) throw new CompanionError(res.status, data.error ?? 'internal', data.message ?? res.statusText, data.field);
  return data as T;
}
