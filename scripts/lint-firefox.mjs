#!/usr/bin/env node
// Part of `npm run lint`: builds the Firefox add-on and runs Mozilla's addons-linter on it; any error fails.
import { spawnSync } from 'node:child_process';

const outDir = '.output-lint';
const build = spawnSync('npx', ['wxt', 'build', '-b', 'firefox'], { env: { ...process.env, NODE_ENV: 'production', WXT_OUT_DIR: outDir }, encoding: 'utf8' });
if (build.status !== 0) {
  console.error(build.stdout, build.stderr);
  process.exit(1);
}
const lint = spawnSync('npx', ['addons-linter', '--output', 'json', `${outDir}/firefox-mv2`], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
let report;
try {
  report = JSON.parse(lint.stdout);
} catch {
  console.error('addons-linter did not produce a report:', lint.stderr);
  process.exit(1);
}
for (const e of report.errors) console.error(`addons-linter error ${e.code}: ${e.message} (${e.file ?? ''})`);
for (const w of report.warnings) console.warn(`addons-linter warning ${w.code}: ${w.message} (${w.file ?? ''})`);
console.log(`addons-linter: ${report.summary.errors} errors, ${report.summary.warnings} warnings, ${report.summary.notices} notices`);
process.exit(report.summary.errors > 0 ? 1 : 0);
