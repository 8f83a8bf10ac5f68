#!/usr/bin/env node
// `npm run bench`: runs every tests/bench/*.bench.ts in turn; each prints its own figures.
import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';

const benches = readdirSync('tests/bench').filter((f) => f.endsWith('.bench.ts')).sort();
let failed = 0;
for (const file of benches) {
  console.log(`\n== ${file}`);
  const run = spawnSync(process.execPath, ['--import', 'tsx', `tests/bench/${file}`], {
    stdio: 'inherit',
    env: { ...process.env, NO_PROXY: '127.0.0.1,localhost' },
  });
  if (run.status !== 0) failed++;
}
process.exit(failed ? 1 : 0);
