/**
 * `npm run eval`: the parser against the public calendar data in ../shared/eval
 * (SLURP and MASSIVE en-US, reported separately, never tuned on the test
 * splits) and against our own labelled commands (the table-driven tests), and
 * writes docs/eval.md.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { performance } from 'node:perf_hooks';
import { parseCommand } from '../shared/assistant/parse-command.ts';
import { coarseOf } from '../shared/assistant/classify-intent.ts';
import { defaultModel } from '../shared/assistant/default-model.ts';
import { warmUpParser } from '../shared/assistant/warm-up.ts';
import weights from '../shared/assistant/intent-model/weights.json' with { type: 'json' };

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const evalDir = resolve(root, '..', 'shared', 'eval');
const NOW = '2026-11-25T10:00:00+01:00';
const ZONE = 'Europe/Berlin';
const LABELS = ['calendar_set', 'calendar_query', 'calendar_remove'] as const;
type Label = (typeof LABELS)[number];
const TO_LABEL = { set: 'calendar_set', query: 'calendar_query', remove: 'calendar_remove' } as const;

interface Row { id: string; text: string; intent: Label; slots: Array<{ type: string; value: string }> }
interface SplitResult { name: string; n: number; correct: number; confusion: Record<Label, Record<Label | 'unknown', number>>; timeSlots: number; timeFound: number; slow: Array<{ text: string; ms: number }>; errors: Array<{ text: string; expected: Label; got: string }> }

const model = defaultModel();

function evaluate(name: string, file: string): SplitResult | null {
  const path = join(evalDir, file);
  if (!existsSync(path)) return null;
  const rows = readFileSync(path, 'utf8').split('\n').filter(Boolean).map((l) => JSON.parse(l) as Row);
  const result: SplitResult = { name, n: rows.length, correct: 0, confusion: Object.fromEntries(LABELS.map((l) => [l, { calendar_set: 0, calendar_query: 0, calendar_remove: 0, unknown: 0 }])) as SplitResult['confusion'], timeSlots: 0, timeFound: 0, slow: [], errors: [] };
  for (const row of rows) {
    const t = performance.now();
    const intent = parseCommand(row.text, { now: NOW, timeZone: ZONE, model, language: 'en' });
    const ms = performance.now() - t;
    result.slow.push({ text: row.text, ms });
    const coarse = coarseOf(intent.intent);
    const got = coarse ? TO_LABEL[coarse] : 'unknown';
    result.confusion[row.intent][got]++;
    if (got === row.intent) result.correct++;
    else result.errors.push({ text: row.text, expected: row.intent, got });
    // Date and time slots: did the parser take the annotated words as a date or time?
    const spans = intent.evidence.filter((e) => ['start', 'end', 'date', 'time', 'range', 'target', 'change', 'duration', 'recurrence'].includes(e.role));
    for (const slot of row.slots.filter((s) => s.type === 'date' || s.type === 'time' || s.type === 'timeofday')) {
      result.timeSlots++;
      const at = row.text.toLowerCase().indexOf(slot.value.toLowerCase());
      if (at >= 0 && spans.some((e) => e.start < at + slot.value.length && e.end > at)) result.timeFound++;
    }
  }
  result.slow.sort((a, b) => b.ms - a.ms);
  return result;
}

function labelledCommands(): { passed: number; failed: number; files: string[] } {
  const out = join(root, 'reports', 'eval-labelled.json');
  const files = ['tests/unit/assistant/parse-english.test.ts', 'tests/unit/assistant/parse-languages.test.ts'].filter((f) => existsSync(join(root, f)));
  try {
    execFileSync('npx', ['vitest', 'run', ...files, '--reporter=json', `--outputFile=${out}`], { cwd: root, stdio: 'ignore' });
  } catch {
    // failures are counted below
  }
  const report = JSON.parse(readFileSync(out, 'utf8')) as { testResults: Array<{ assertionResults: Array<{ status: string; ancestorTitles: string[]; title: string }> }> };
  const rows = report.testResults.flatMap((f) => f.assertionResults).filter((a) => a.title.startsWith('parses as labelled') || a.ancestorTitles.some((t) => /labelled|parse/i.test(t)));
  // An English command is checked twice (rules only, and with the model as the companion runs it): it counts once,
  // passed only if both pass. Two commands may share a text (other now or zone): the n-th check of each kind pairs up.
  const checks = new Map<string, boolean[]>();
  for (const r of rows) {
    const how = / \((rules only|rules \+ model)\)$/.exec(r.title)?.[1] ?? '';
    const key = [...r.ancestorTitles, r.title.slice(0, r.title.length - (how ? how.length + 3 : 0))].join(' > ');
    const list = checks.get(`${key}\n${how}`) ?? [];
    list.push(r.status === 'passed');
    checks.set(`${key}\n${how}`, list);
  }
  const commands: boolean[] = [];
  for (const [id, results] of checks) {
    if (id.endsWith('\nrules + model')) continue;
    const withModel = id.endsWith('\nrules only') ? checks.get(id.replace(/\nrules only$/, '\nrules + model')) ?? [] : results;
    results.forEach((ok, i) => commands.push(ok && withModel[i] !== false));
  }
  const passed = commands.filter(Boolean).length;
  return { passed, failed: commands.length - passed, files };
}

// As the companion does at start-up (server/main.ts): the times below are then those its users see.
await warmUpParser({ model: defaultModel() });
const splits = [
  evaluate('MASSIVE en-US train (trained on; not an estimate)', 'massive-calendar-en-US-train.jsonl'),
  evaluate('MASSIVE en-US dev (trained on; not an estimate)', 'massive-calendar-en-US-dev.jsonl'),
  evaluate('MASSIVE en-US test', 'massive-calendar-en-US-test.jsonl'),
  evaluate('SLURP devel (MASSIVE dev\'s utterances: trained on)', 'slurp-calendar-devel.jsonl'),
  evaluate('SLURP test', 'slurp-calendar-test.jsonl'),
].filter((s): s is SplitResult => s !== null);
if (splits.length === 0) {
  console.error(`No evaluation data in ${evalDir}`);
  process.exit(1);
}
const labelled = labelledCommands();
const pct = (a: number, b: number) => (b ? `${((100 * a) / b).toFixed(1)}%` : 'n/a');

const lines: string[] = [];
lines.push('# Parser evaluation', '', `Written by \`npm run eval\` (${new Date().toISOString().slice(0, 10)}). "Now" is ${NOW} in ${ZONE}; language forced to English for the public data (it is all English).`, '');
const cv = weights.crossValidation;
lines.push(
  'Intents are mapped three ways, as the data is labelled: create and modify → `calendar_set`, cancel → `calendar_remove`, list and availability → `calendar_query`; `unknown` counts as wrong.',
  '',
  `The statistical part of the classifier was trained on MASSIVE en-US train + dev (${weights.trainedOn.join(', ')}). Its settings (kinds of feature and their weights, learning rate, epochs, and how sure the model must be to overrule a rule: ${weights.overrulesRulesAbove ?? 'never'}) were chosen by ${cv.folds}-fold cross-validation over train + dev: the highest out-of-fold accuracy of rules + model, ties broken by log-loss (\`npm run train:intent -- --grid\` prints the grid). The test splits were not used for any choice. Train, dev and SLURP devel (the same utterances as MASSIVE dev) are therefore no longer held out: their rows below say how well the parser fits what it was trained on, not how well it generalises.`,
  '',
  `**Estimate of generalisation (${cv.folds}-fold cross-validation over MASSIVE train + dev, ${splits.find((x) => x.name.startsWith('MASSIVE en-US train'))!.n + (splits.find((x) => x.name.startsWith('MASSIVE en-US dev'))?.n ?? 0)} utterances): intent accuracy ${(cv.classifierAccuracy * 100).toFixed(1)}% for rules + model, ${(cv.modelAccuracy * 100).toFixed(1)}% for the model alone.** Being the best point of a grid, it is slightly optimistic. The rules were written partly while looking at dev errors, which flatters the dev folds too.`,
  '',
);
lines.push('| split | utterances | intent accuracy | date/time slots found |', '| --- | ---: | ---: | ---: |');
for (const s of splits) lines.push(`| ${s.name} | ${s.n} | ${pct(s.correct, s.n)} (${s.correct}) | ${pct(s.timeFound, s.timeSlots)} (${s.timeFound}/${s.timeSlots}) |`);
lines.push('', '"Date/time slots found": the share of annotated `date`, `time` and `timeofday` slots whose words the parser used as a date, time, range, duration or recurrence.', '');
lines.push(`## Our labelled commands`, '', `${labelled.passed} of ${labelled.passed + labelled.failed} labelled commands give exactly the expected intent and start/end (${labelled.files.join(', ')}); the English ones both with the intent model, as the companion runs them, and without.`, '');
for (const s of splits.filter((x) => /test/.test(x.name))) {
  lines.push(`## Confusion matrix: ${s.name}`, '', '| labelled \\ parsed | set | query | remove | unknown |', '| --- | ---: | ---: | ---: | ---: |');
  for (const l of LABELS) {
    const c = s.confusion[l];
    lines.push(`| ${l.replace('calendar_', '')} | ${c.calendar_set} | ${c.calendar_query} | ${c.calendar_remove} | ${c.unknown} |`);
  }
  lines.push('');
}
const dev = splits.find((s) => s.name.startsWith('MASSIVE en-US dev'));
if (dev) {
  lines.push('## Errors on MASSIVE dev (trained on, so few; the test errors are not listed)', '');
  for (const e of dev.errors.slice(0, 25)) lines.push(`- "${e.text}": labelled ${e.expected.replace('calendar_', '')}, parsed ${e.got.replace('calendar_', '')}`);
  lines.push('');
}
const all = splits.flatMap((s) => s.slow).sort((a, b) => b.ms - a.ms);
lines.push('## Slowest inputs', '', '| ms | text |', '| ---: | --- |');
for (const x of all.slice(0, 10)) lines.push(`| ${x.ms.toFixed(2)} | ${x.text} |`);
const sorted = all.map((x) => x.ms).sort((a, b) => a - b);
lines.push('', `Median ${sorted[Math.floor(sorted.length / 2)]!.toFixed(2)} ms, p99 ${sorted[Math.floor(sorted.length * 0.99)]!.toFixed(2)} ms over ${sorted.length} parses (one process, after the companion's start-up warm-up, shared/assistant/warm-up.ts).`, '');
writeFileSync(join(root, 'docs', 'eval.md'), `${lines.join('\n')}\n`);
for (const s of splits) console.log(`${s.name}: intent ${pct(s.correct, s.n)}, date/time slots ${pct(s.timeFound, s.timeSlots)}`);
console.log(`labelled commands: ${labelled.passed} passed, ${labelled.failed} failed`);
console.log('wrote docs/eval.md');
