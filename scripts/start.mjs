#!/usr/bin/env node
// `npm start`: builds the extension, then starts the companion server. With no Google credentials
// it runs in demo mode: the Google emulator starts in-process with a demo account, so a new user sees
// sign-in, calendars and events working on a fresh machine. State lives in data/ across restarts.
import { spawn, spawnSync } from 'node:child_process';

const build = spawnSync('npx', ['wxt', 'build'], { stdio: 'inherit' });
if (build.status !== 0) process.exit(build.status ?? 1);
console.log('\nExtension built: load .output/chrome-mv3 as an unpacked extension (see README).\n');

const server = spawn(process.execPath, ['--import', 'tsx', 'server/main.ts'], {
  stdio: 'inherit',
  env: { NO_PROXY: '127.0.0.1,localhost', ...process.env },
});
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => server.kill(signal));
server.on('exit', (code) => process.exit(code ?? 0));
