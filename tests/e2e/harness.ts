import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../../server/app.ts';
import { emulatorEndpoints, loadConfig } from '../../server/config.ts';
import { createGoogleEmulator, DEMO_CLIENT, type GoogleEmulator } from '../../server/dev/google-emulator/app.ts';

/** Each browser suite gets its own companion port, so the suites can run side by side. */
export const E2E_PORTS = { chrome: 18787, firefox: 18788 } as const;
export const companionUrl = (browser: 'chrome' | 'firefox') => `http://127.0.0.1:${E2E_PORTS[browser]}`;
export const CHROMIUM = '/usr/bin/chromium';
export const FIREFOX = '/usr/bin/firefox-esr';

/** The extension built against the test companion's address (host permissions are fixed at build time). */
export function buildExtension(browser: 'chrome' | 'firefox'): string {
  const outDir = resolve('.output-e2e', browser);
  const target = join(outDir, browser === 'chrome' ? 'chrome-mv3' : 'firefox-mv2');
  const res = spawnSync('npx', ['wxt', 'build', ...(browser === 'firefox' ? ['-b', 'firefox'] : [])], {
    env: { ...process.env, NODE_ENV: 'production', COMPANION_URL: companionUrl(browser), WXT_OUT_DIR: outDir },
    encoding: 'utf8',
  });
  if (res.status !== 0 || !existsSync(target)) throw new Error(`extension build failed: ${res.stderr || res.stdout}`);
  return target;
}

/** The web dashboard, built once into .output-e2e/web for the stack to serve at `/`. */
export function buildWeb(): string {
  const outDir = resolve('.output-e2e', 'web');
  const res = spawnSync('npx', ['vite', 'build', '--config', 'extension/web/vite.config.ts', '--outDir', outDir, '--emptyOutDir'], { env: { ...process.env, NODE_ENV: 'production' }, encoding: 'utf8' });
  if (res.status !== 0 || !existsSync(join(outDir, 'index.html'))) throw new Error(`web build failed: ${res.stderr || res.stdout}`);
  return outDir;
}

export interface Stack {
  emulator: GoogleEmulator;
  companion: FastifyInstance;
  close(): Promise<void>;
}

/**
 * The demo stack as `npm start` runs it, with an auto-approving emulator: a user clicking "Allow". `env` adds to
 * the companion's environment (e.g. a shorter SYNC_EVERY_SECONDS).
 */
export async function startStack(browser: 'chrome' | 'firefox', webDir?: string, env: Record<string, string> = {}): Promise<Stack> {
  const emulator = await createGoogleEmulator({ autoApprove: true, seed: 'demo' });
  const emulatorUrl = await emulator.listen(0);
  const config = loadConfig(
    { NODE_ENV: 'test', PORT: String(E2E_PORTS[browser]), PUBLIC_URL: companionUrl(browser), DATA_DIR: mkdtempSync(join(tmpdir(), 'e2e-')), LOG_LEVEL: 'warn', ...(webDir ? { WEB_DIR: webDir } : { WEB_DIR: join(tmpdir(), 'no-dashboard') }), ...env },
    { demoGoogle: { clientId: DEMO_CLIENT.clientId, clientSecret: DEMO_CLIENT.clientSecret, endpoints: emulatorEndpoints(emulatorUrl) } },
  );
  const companion = await buildApp(config);
  // Test pages served from the companion's own origin, which the extension build may reach without a user gesture.
  companion.get('/__fixtures/:name', async (request, reply) => {
    const name = (request.params as { name: string }).name;
    if (!/^[\w.-]+\.(html|ics)$/.test(name)) return reply.code(404).send();
    const type = name.endsWith('.ics') ? 'text/calendar; charset=utf-8' : 'text/html; charset=utf-8';
    return reply.type(type).send(readFileSync(resolve('tests/fixtures/pages', name), 'utf8'));
  });
  await companion.listen({ port: E2E_PORTS[browser], host: '127.0.0.1' });
  return {
    emulator,
    companion,
    async close() {
      await companion.close();
      await emulator.close();
    },
  };
}
