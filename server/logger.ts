import type { FastifyServerOptions } from 'fastify';

/** Query parameters that carry secrets through redirects: OAuth codes, state, tokens. */
const SECRET_PARAMS = /([?&](?:code|state|token|access_token|refresh_token|id_token|client_secret|code_verifier)=)[^&#]*/gi;

/**
 * Telegram bot tokens (`123456789:AA…`), wherever they turn up: the Bot API puts the token in the URL path
 * (`/bot<TOKEN>/sendMessage`), so a network error of any HTTP client carries it in its message.
 */
const BOT_TOKEN = /\d{3,20}:[A-Za-z0-9_-]{30,100}/g;

export function redactUrl(url: string): string {
  return url.replace(SECRET_PARAMS, '$1[REDACTED]').replace(BOT_TOKEN, '[REDACTED]');
}

/** A finished log line with every bot token masked: the last line of defence, after the field redaction. */
export function scrubLogLine(line: string): string {
  return line.replace(BOT_TOKEN, '[REDACTED]');
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
    hooks: { streamWrite: scrubLogLine },
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
