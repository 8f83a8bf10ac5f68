import helmet from '@fastify/helmet';
import fp from 'fastify-plugin';

/** Helmet's headers; the API docs page needs inline styles, so its CSP allows them and nothing else extra. */
export default fp(
  async (app) => {
    await app.register(helmet, {
      contentSecurityPolicy: {
        directives: {
          defaultSrc: ["'self'"],
          scriptSrc: ["'self'"],
          styleSrc: ["'self'", "'unsafe-inline'"],
          imgSrc: ["'self'", 'data:', 'https:'],
          formAction: ["'self'"],
          frameAncestors: ["'none'"],
        },
      },
      // Google's consent screen is a top-level navigation away and back; no cross-origin embedding of ours is wanted.
      crossOriginEmbedderPolicy: false,
    });
  },
  { name: 'security-headers' },
);
