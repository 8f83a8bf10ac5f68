#!/usr/bin/env node
// `npm start`: builds the extension (Chrome and Firefox) and the web dashboard, then starts the companion server. With no Google credentials
// it runs in demo mode: the Google emulator starts in-process with a demo account, so a new user sees
// sign-in, calendars and events working on a fresh machine. State lives in data/ across restarts.
import { spawn, spawnSync } from 'node:child_process';

for (const args of [['wxt', 'build'], ['wxt', 'build', '-b', 'firefox'], ['vite', 'build', '--config', 'extension/web/vite.config.ts']]) {
  const build = spawnSync('npx', args, { stdio: 'inherit' });
  if (build.status !== 0) process.exit(build.status ?? 1);
}
console.log('\nBuilt: load .output/chrome-mv3 (Chrome) or .output/firefox-mv2 (Firefox) as the README says; the web dashboard is served at the companion\'s address.\n');

const server = spawn(process.execPath, ['--import', 'tsx', 'server/main.ts'], {
  stdio: 'inherit',
  env: { NO_PROXY: '127.0.0.1,localhost', ...process.env },
});
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => server.kill(signal));
server.on('exit', (code) => process.exit(code ?? 0));
