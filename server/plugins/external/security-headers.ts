import helmet from '@fastify/helmet';
import fp from 'fastify-plugin';

/** Helmet's headers; the API docs page needs inline styles, so its CSP allows them and nothing else extra. */
export default fp(
  async (app, options: { https: boolean }) => {
    await app.register(helmet, {
      // HSTS and upgrade-insecure-requests only make sense behind https; on http://127.0.0.1 they would break every form and fetch.
      hsts: options.https,
      contentSecurityPolicy: {
        directives: {
          upgradeInsecureRequests: options.https ? [] : null,
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
