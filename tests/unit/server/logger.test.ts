import pino from 'pino';
import { describe, expect, it } from 'vitest';
import { loggerOptions, redactUrl } from '../../../server/logger.ts';
import { LogCapture } from '../../support/companion.ts';

const TOKEN = '123456789:AAHk3vQ9exampleTokenForLoggerTest_00';

describe('the log never carries a Telegram bot token', () => {
  const logged = (write: (log: pino.Logger) => void) => {
    const capture = new LogCapture();
    const options = loggerOptions('debug', capture) as pino.LoggerOptions & { stream: LogCapture };
    write(pino(options, options.stream));
    return capture.text;
  };

  it.each([
    ['an HTTP client error naming the URL', (log: pino.Logger) => log.error({ err: new Error(`request to https://api.telegram.org/bot${TOKEN}/getMe failed, reason: ECONNREFUSED`) }, 'failed')],
    ['a nested error object', (log: pino.Logger) => log.warn({ error: { cause: { url: `https://api.telegram.org/bot${TOKEN}/sendMessage` } } }, 'nested')],
    ['the message itself', (log: pino.Logger) => log.info(`calling https://api.telegram.org/bot${TOKEN}/getUpdates`)],
    ['a request URL', (log: pino.Logger) => log.info({ req: { method: 'POST', url: `/bot${TOKEN}/setWebhook` } }, 'request')],
  ])('masks it in %s', (_label, write) => {
    const text = logged(write);
    expect(text).toContain('[REDACTED]');
    expect(text).not.toContain(TOKEN.split(':')[1]);
  });

  it('masks it in a URL on its own', () => {
    expect(redactUrl(`/bot${TOKEN}/getMe?offset=1`)).toBe('/bot[REDACTED]/getMe?offset=1');
  });
});
