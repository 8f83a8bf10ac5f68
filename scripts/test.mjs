#!/usr/bin/env node
// `npm test`: every suite (unit, integration, conformance; browser e2e once it exists) in one vitest run,
// then one closing line "N passed, N failed, N skipped" so a run that tested nothing is visible.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';

const report = 'reports/vitest.json';
mkdirSync('reports', { recursive: true });
rmSync(report, { force: true });

const args = ['vitest', 'run', '--reporter=default', '--reporter=json', `--outputFile.json=${report}`, ...process.argv.slice(2)];
const run = spawnSync('npx', args, { stdio: 'inherit', env: { ...process.env, NO_PROXY: '127.0.0.1,localhost', no_proxy: '127.0.0.1,localhost' } });

if (!existsSync(report)) {
  console.log('0 passed, 1 failed');
  console.error('vitest wrote no report: the run did not complete.');
  process.exit(run.status || 1);
}
const result = JSON.parse(readFileSync(report, 'utf8'));
const passed = result.numPassedTests ?? 0;
// A file that failed to load has no failed assertions of its own: count it once, as a failure.
const brokenFiles = (result.testResults ?? []).filter((f) => f.status === 'failed' && !f.assertionResults?.some((a) => a.status === 'failed')).length;
const failed = (result.numFailedTests ?? 0) + brokenFiles;
const skipped = (result.numPendingTests ?? 0) + (result.numTodoTests ?? 0);
// Vitest also fails a run for errors outside any test (an unhandled rejection): count that as a failure too.
const outside = run.status !== 0 && failed === 0 ? 1 : 0;
if (outside) console.error('vitest reported errors outside the tests (see "Unhandled Errors" above)');
console.log(`\n${passed} passed, ${failed + outside} failed, ${skipped} skipped`);
process.exit(run.status !== 0 || failed > 0 || passed === 0 ? 1 : 0);
