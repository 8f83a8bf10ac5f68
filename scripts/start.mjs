#!/usr/bin/env node
// `npm start`: builds the extension, then runs the Google emulator with the demo account, so a new
// user sees sign-in and a calendar working with no Google credentials. (The companion server joins
// here once it exists.) State is kept in data/ so the demo survives a restart.
import { spawn, spawnSync } from 'node:child_process';
import { mkdirSync } from 'node:fs';

const build = spawnSync('npx', ['wxt', 'build'], { stdio: 'inherit' });
if (build.status !== 0) process.exit(build.status ?? 1);
console.log('\nExtension built: load .output/chrome-mv3 as an unpacked extension (see README).\n');

mkdirSync('data', { recursive: true });
const port = process.env.EMULATOR_PORT ?? '4010';
const emulator = spawn(
  process.execPath,
  ['--import', 'tsx', 'server/dev/google-emulator/cli.ts', '--port', port, '--state', 'data/emulator-state.json'],
  { stdio: 'inherit' },
);
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => emulator.kill(signal));
emulator.on('exit', (code) => process.exit(code ?? 0));
