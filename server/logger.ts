import type { FastifyServerOptions } from 'fastify';

/** Query parameters that carry secrets through redirects: OAuth codes, state, tokens. */
const SECRET_PARAMS = /([?&](?:code|state|token|access_token|refresh_token|id_token|client_secret|code_verifier)=)[^&#]*/gi;

export function redactUrl(url: string): string {
  return url.replace(SECRET_PARAMS, '$1[REDACTED]');
}

/**
 * pino with redaction: authorization headers, cookies, anything named like a
 * token or code, and secret query parameters in logged URLs never reach the log.
 */
export function loggerOptions(level: string, stream?: NodeJS.WritableStream): FastifyServerOptions['logger'] {
  return {
    level,
    ...(stream ? { stream } : {}),
    redact: {
      paths: [
        'req.headers.authorization',
        'req.headers.cookie',
        'res.headers["set-cookie"]',
        'headers.authorization',
        'headers.cookie',
        '*.access_token',
        '*.refresh_token',
        '*.id_token',
        '*.code',
        '*.token',
        '*.client_secret',
        '*.password',
        'access_token',
        'refresh_token',
        'id_token',
        'token',
        'code',
      ],
      censor: '[REDACTED]',
    },
    serializers: {
      req: (req: { method: string; url: string; ip?: string; headers?: Record<string, unknown> }) => ({
        method: req.method,
        url: redactUrl(req.url),
        remoteAddress: req.ip,
      }),
      res: (res: { statusCode: number }) => ({ statusCode: res.statusCode }),
    },
  };
}
