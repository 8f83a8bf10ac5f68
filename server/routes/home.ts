import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance } from 'fastify';
import { findConnection } from '../db/repositories/google-connections.ts';
import { CSRF_COOKIE } from '../plugins/app/authenticate.ts';
import { esc, htmlPage } from './html-page.ts';

/**
 * `/` is the web dashboard (the side panel's app, for browsers without the
 * extension) when it has been built; `/account` is the server's own page:
 * sign in, connect the calendar, create an API token for curl.
 */
export default async function homeRoute(app: FastifyInstance) {
  const webDir = app.services.config.webDir;
  const dashboard = existsSync(join(webDir, 'index.html'));
  if (dashboard) {
    await app.register(fastifyStatic, { root: webDir, prefix: '/app/', index: false, wildcard: true });
    app.get('/', { schema: { hide: true } }, async (_request, reply) =>
      reply.header('cache-control', 'no-cache').type('text/html; charset=utf-8').send(readFileSync(join(webDir, 'index.html'), 'utf8')),
    );
  }
  app.get(dashboard ? '/account' : '/', { schema: { hide: true } }, async (request, reply) => {
    const caller = await app.identify(request);
    const demo = app.services.config.google.demo
      ? '<p class="demo"><b>Demo mode</b>: no Google credentials are set, so sign-in and calendars come from the local Google emulator.</p>'
      : '';
    let body: string;
    if (!caller) {
      body = `<h1>Calendar Assistant</h1>${demo}<p><a class="button primary" href="/auth/google/calendar">Sign in and connect Google Calendar</a></p>
<p><a href="/auth/google">Sign in only</a> · <a href="/docs">API documentation</a></p>`;
    } else {
      const connection = await findConnection(app.db, caller.user.id);
      const status = connection?.status ?? 'not_connected';
      const csrf = request.cookies[CSRF_COOKIE] ?? '';
      body = `<h1>Calendar Assistant</h1>${demo}<p>Signed in as <b>${esc(caller.user.email)}</b>. Google Calendar: <b>${esc(status.replace('_', ' '))}</b>.</p>
${status === 'connected' ? '' : '<p><a class="button primary" href="/auth/google/calendar">Connect Google Calendar</a></p>'}
<form method="post" action="/auth/tokens"><input type="hidden" name="csrf" value="${esc(csrf)}"><input type="hidden" name="label" value="curl"><button>Create an API token for curl</button></form>
<p><a href="/">Open the dashboard</a> · <a href="/docs">API documentation</a></p>`;
    }
    return reply.type('text/html; charset=utf-8').send(htmlPage('Calendar Assistant', body));
  });
}
