import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import fp from 'fastify-plugin';
import { jsonSchemaTransform } from 'fastify-type-provider-zod';

/** OpenAPI generated from the routes' zod schemas: /docs (page) and /docs/json. */
export default fp(
  async (app, options: { publicUrl: string }) => {
    await app.register(swagger, {
      openapi: {
        info: { title: 'Calendar Assistant companion API', version: '0.1.0', description: 'The companion server the Calendar Assistant extension talks to. Authenticate with `Authorization: Bearer <token>`.' },
        servers: [{ url: options.publicUrl }],
        components: { securitySchemes: { bearer: { type: 'http', scheme: 'bearer' } } },
        security: [{ bearer: [] }],
      },
      transform: jsonSchemaTransform,
    });
    const https = options.publicUrl.startsWith('https:');
    await app.register(swaggerUi, {
      routePrefix: '/docs',
      staticCSP: true,
      // Same reason as in security-headers: on plain http the upgrade would send the page's own requests to https.
      transformStaticCSP: (header) => (https ? header : header.replace(/\s*upgrade-insecure-requests;?/, '')),
    });
  },
  { name: 'api-docs' },
);
