import cookie from '@fastify/cookie';
import formbody from '@fastify/formbody';
import Fastify, { type FastifyInstance } from 'fastify';
import { hasZodFastifySchemaValidationErrors, serializerCompiler, validatorCompiler } from 'fastify-type-provider-zod';
import { ApiError } from './api-error.ts';
import type { Config } from './config.ts';
import type { RetryPolicy } from './google/call-with-retries.ts';
import { loggerOptions } from './logger.ts';
import authenticate from './plugins/app/authenticate.ts';
import jobs from './plugins/app/jobs.ts';
import services from './plugins/app/services.ts';
import telegram from './plugins/app/telegram.ts';
import apiDocs from './plugins/external/api-docs.ts';
import cors from './plugins/external/cors.ts';
import database from './plugins/external/database.ts';
import rateLimit from './plugins/external/rate-limit.ts';
import securityHeaders from './plugins/external/security-headers.ts';
import availabilityRoute from './routes/api/availability.ts';
import chatRoutes from './routes/api/chat.ts';
import calendarsRoute from './routes/api/calendars.ts';
import eventsRoutes from './routes/api/events.ts';
import sessionRoute from './routes/api/session.ts';
import telegramRoutes from './routes/api/telegram.ts';
import writesRoutes from './routes/api/writes.ts';
import googleAuthRoutes from './routes/auth/google.ts';
import sessionRoutes from './routes/auth/session.ts';
import healthRoutes from './routes/health.ts';
import googleCalendarWebhook from './routes/webhooks/google-calendar.ts';
import telegramWebhook from './routes/webhooks/telegram.ts';
import homeRoute from './routes/home.ts';

export interface BuildOptions {
  /** Where logs go (tests capture them to prove no secret is written). */
  logStream?: NodeJS.WritableStream;
  now?: () => number;
  retryPolicy?: RetryPolicy;
}

/**
 * The companion server: external plugins (cookies, security headers, CORS, rate
 * limits, docs, database), then our services and authentication, then routes.
 */
export async function buildApp(config: Config, options: BuildOptions = {}): Promise<FastifyInstance> {
  const app = Fastify({
    logger: loggerOptions(config.logLevel, options.logStream),
    bodyLimit: 256 * 1024,
    trustProxy: config.publicUrl.startsWith('https:'),
  });
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  installErrorHandlers(app);

  await app.register(cookie);
  await app.register(formbody);
  await app.register(securityHeaders, { https: config.publicUrl.startsWith('https:') });
  await app.register(cors, { publicUrl: config.publicUrl, allowedExtensionIds: config.allowedExtensionIds });
  await app.register(rateLimit, { perMinute: config.rateLimit.perMinute });
  await app.register(apiDocs, { publicUrl: config.publicUrl });
  await app.register(database, { database: config.database });

  await app.register(services, { config, ...(options.now ? { now: options.now } : {}), ...(options.retryPolicy ? { retryPolicy: options.retryPolicy } : {}) });
  await app.register(authenticate);
  await app.register(jobs);
  if (config.telegram) await app.register(telegram);

  if (config.google.demo) {
    app.addHook('onSend', async (_request, reply) => {
      void reply.header('x-demo-mode', '1');
    });
  }

  await app.register(healthRoutes);
  await app.register(homeRoute);
  await app.register(googleAuthRoutes);
  await app.register(sessionRoutes);
  await app.register(sessionRoute);
  await app.register(calendarsRoute);
  await app.register(eventsRoutes);
  await app.register(availabilityRoute);
  await app.register(chatRoutes);
  await app.register(writesRoutes);
  await app.register(googleCalendarWebhook);
  await app.register(telegramRoutes);
  if (config.telegram?.webhookSecret) await app.register(telegramWebhook);
  return app;
}

function installErrorHandlers(app: FastifyInstance): void {
  app.setErrorHandler((error, request, reply) => {
    if (error instanceof ApiError) {
      for (const [k, v] of Object.entries(error.headers)) void reply.header(k, v);
      return reply.code(error.status).send(error.toBody());
    }
    if (hasZodFastifySchemaValidationErrors(error)) {
      const issue = error.validation[0]!;
      const where = error.validationContext ?? 'body';
      const path = issue.instancePath.replace(/^\//, '').replaceAll('/', '.');
      const field = where === 'body' ? path || 'body' : `${where}${path ? `.${path}` : ''}`;
      return reply.code(400).send({ error: 'invalid_request', field, message: issue.message });
    }
    const status = (error as { statusCode?: number }).statusCode ?? 500;
    if (status === 429) {
      const body = error as unknown as { message: string; retryAfterSeconds?: number };
      return reply.code(429).send({ error: 'rate_limited', message: body.message, retryAfterSeconds: body.retryAfterSeconds });
    }
    if (status >= 400 && status < 500) {
      const code = (error as { code?: string }).code;
      const field = code === 'FST_ERR_CTP_INVALID_MEDIA_TYPE' ? 'content-type' : code === 'FST_ERR_CTP_BODY_TOO_LARGE' ? 'body' : 'body';
      return reply.code(status).send({ error: 'invalid_request', field, message: (error as Error).message });
    }
    request.log.error({ err: error }, 'unhandled error');
    return reply.code(500).send({ error: 'internal', message: 'Something went wrong on our side.' });
  });
  app.setNotFoundHandler((request, reply) => reply.code(404).send({ error: 'not_found', message: `No route ${request.method} ${request.url.split('?')[0]}` }));
}
