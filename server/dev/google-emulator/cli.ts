import { parseArgs } from 'node:util';
import { createGoogleEmulator } from './app.ts';
import { readSeedFile } from './seed.ts';

/**
 * `npm run emulator -- --port N [--auto-approve] [--seed FILE] [--state FILE]`
 * A local stand-in for Google's sign-in and Calendar API.
 */
const { values } = parseArgs({
  options: {
    port: { type: 'string', default: process.env.EMULATOR_PORT ?? '4010' },
    host: { type: 'string', default: '127.0.0.1' },
    'auto-approve': { type: 'boolean', default: false },
    seed: { type: 'string' },
    'no-seed': { type: 'boolean', default: false },
    state: { type: 'string' },
    'deterministic-ids': { type: 'boolean', default: false },
    'access-token-lifetime': { type: 'string' },
    'refresh-token-lifetime': { type: 'string' },
    'time-zone': { type: 'string' },
    help: { type: 'boolean', short: 'h', default: false },
  },
});

if (values.help) {
  console.log(`Google emulator: OpenID Connect, OAuth 2.0 and Calendar API v3 on one local port.

  --port N                    port to listen on (default 4010; 0 picks a free one)
  --host H                    interface (default 127.0.0.1)
  --auto-approve              skip the consent screen: redirect with a code at once
  --seed FILE                 load accounts, clients and events from JSON (instead of the demo week)
  --no-seed                   start with no accounts
  --state FILE                keep state in FILE across restarts
  --deterministic-ids         counter-based event ids and subjects
  --access-token-lifetime S   access token lifetime in seconds (default 3600)
  --refresh-token-lifetime S  refresh token lifetime (default: until revoked; 604800 = "Testing" apps)
  --time-zone TZ              demo account's time zone (default Europe/Berlin)`);
  process.exit(0);
}

const seconds = (v: string | undefined, name: string) => {
  if (v === undefined) return undefined;
  const n = Number(v);
  if (!Number.isInteger(n) || n <= 0) {
    console.error(`--${name} must be a positive number of seconds, got "${v}"`);
    process.exit(2);
  }
  return n;
};

try {
  const emulator = await createGoogleEmulator({
    autoApprove: values['auto-approve'],
    seed: values['no-seed'] ? 'none' : values.seed ? readSeedFile(values.seed) : 'demo',
    ...(values.state ? { stateFile: values.state } : {}),
    deterministicIds: values['deterministic-ids'],
    ...(values['time-zone'] ? { timeZone: values['time-zone'] } : {}),
    accessTokenLifetimeSec: seconds(values['access-token-lifetime'], 'access-token-lifetime') ?? 3600,
    refreshTokenLifetimeSec: seconds(values['refresh-token-lifetime'], 'refresh-token-lifetime') ?? null,
  });
  const url = await emulator.listen(Number(values.port), values.host);
  console.log(`Google emulator listening on ${url}`);
  console.log(`  OpenID configuration: ${url}/.well-known/openid-configuration`);
  console.log(`  Calendar API root:    ${url}/  (rootUrl for @googleapis/calendar)`);
  console.log(`  Demo OAuth client:    demo-client.apps.googleusercontent.com / demo-client-secret`);
  console.log(`  Accounts:             ${[...emulator.ctx.store.accounts.values()].map((a) => a.email).join(', ') || '(none)'}`);
  const stop = async () => {
    await emulator.close();
    process.exit(0);
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
} catch (e) {
  console.error(`Google emulator failed to start: ${(e as Error).message}`);
  process.exit(1);
}
