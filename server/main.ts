/**
 * `npm run server`: the companion server. With no Google credentials it runs in
 * demo mode against the Google emulator — started here in-process, or the one
 * at GOOGLE_EMULATOR_URL — and says so loudly.
 */
import { join, resolve } from 'node:path';
import { buildApp } from './app.ts';
import { ConfigError, emulatorEndpoints, loadConfig } from './config.ts';
import { createGoogleEmulator, DEMO_CLIENT, type GoogleEmulator } from './dev/google-emulator/app.ts';
import { CALLBACK_PATHS } from './auth/google-authorization.ts';
import { defaultModel } from '../shared/assistant/default-model.ts';
import { warmUpParser } from '../shared/assistant/warm-up.ts';

async function main(): Promise<void> {
  let emulator: GoogleEmulator | null = null;
  let demoGoogle;
  if (!process.env.GOOGLE_CLIENT_ID && process.env.NODE_ENV !== 'production') {
    let base = process.env.GOOGLE_EMULATOR_URL?.replace(/\/+$/, '');
    if (!base) {
      const dataDir = resolve(process.env.DATA_DIR ?? './data');
      const publicUrl = process.env.PUBLIC_URL ?? `http://${process.env.HOST ?? '127.0.0.1'}:${process.env.PORT ?? '8787'}`;
      emulator = await createGoogleEmulator({
        stateFile: join(dataDir, 'google-emulator-state.json'),
        autoApprove: process.env.EMULATOR_AUTO_APPROVE === '1',
        clients: [{ ...DEMO_CLIENT, redirectUris: Object.values(CALLBACK_PATHS).map((p) => `${publicUrl.replace(/\/+$/, '')}${p}`) }],
      });
      base = await emulator.listen(Number(process.env.EMULATOR_PORT ?? 4010), '127.0.0.1');
    }
    demoGoogle = { clientId: DEMO_CLIENT.clientId, clientSecret: DEMO_CLIENT.clientSecret, endpoints: emulatorEndpoints(base) };
  }

  const config = loadConfig(process.env, demoGoogle ? { demoGoogle } : {});
  const app = await buildApp(config);
  if (config.google.demo) {
    app.log.warn(`DEMO MODE: no GOOGLE_CLIENT_ID/GOOGLE_CLIENT_SECRET set. Sign-in and calendars come from the local Google emulator at ${config.google.endpoints.apiRoot} (account demo@example.com). Set Google credentials for real calendars.`);
  }
  await app.listen({ port: config.port, host: config.host });
  app.log.info(`Companion server at ${config.publicUrl} — open it in a browser to sign in; API docs at ${config.publicUrl}/docs`);
  // The parser's first runs compile its patterns (100–170 ms a new kind of command); do it now, between requests.
  const warming = new AbortController();
  const warmStart = performance.now();
  void warmUpParser({ model: defaultModel(), signal: warming.signal }).then(
    (languages) => app.log.info({ languages, ms: Math.round(performance.now() - warmStart) }, 'parser warmed up'),
    (error: unknown) => app.log.warn({ err: error }, 'parser warm-up failed'),
  );

  const stop = async (signal: string) => {
    app.log.info({ signal }, 'shutting down');
    warming.abort();
    await app.close();
    await emulator?.close();
    process.exit(0);
  };
  process.once('SIGINT', () => void stop('SIGINT'));
  process.once('SIGTERM', () => void stop('SIGTERM'));
}

main().catch((error: unknown) => {
  if (error instanceof ConfigError) {
    console.error(error.message);
    process.exit(2);
  }
  console.error(error);
  process.exit(1);
});
