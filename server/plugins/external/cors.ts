import cors from '@fastify/cors';
import fp from 'fastify-plugin';
import { isAllowedExtensionOrigin } from '../../auth/extension-redirect.ts';

/**
 * CORS for the allowed extensions only. They authenticate with a bearer token,
 * so no credentials mode: a page on another origin gets no CORS headers and no
 * ambient cookie authority.
 */
export default fp(
  async (app, options: { publicUrl: string; allowedExtensionIds: string[] }) => {
    const self = new URL(options.publicUrl).origin;
    await app.register(cors, {
      origin: (origin, callback) => {
        callback(null, Boolean(origin) && (origin === self || isAllowedExtensionOrigin(origin!, options.allowedExtensionIds)));
      },
      credentials: false,
      methods: ['GET', 'POST', 'PATCH', 'DELETE'],
      allowedHeaders: ['authorization', 'content-type', 'idempotency-key', 'if-match', 'x-csrf-token'],
      exposedHeaders: ['x-demo-mode', 'idempotent-replayed', 'retry-after'],
      maxAge: 600,
    });
  },
  { name: 'cors' },
);
