/**
 * Parser throughput against bare chrono.parse on the same commands (the goal:
 * at least half of chrono's rate, since chrono is one stage of ours), and p99
 * latency. Inputs are the public MASSIVE dev utterances plus our own commands.
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { performance } from 'node:perf_hooks';
import * as chrono from 'chrono-node';
import { defaultModel } from '../../shared/assistant/default-model.ts';
import { parseCommand } from '../../shared/assistant/parse-command.ts';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
const devFile = join(root, '..', 'shared', 'eval', 'massive-calendar-en-US-dev.jsonl');
const own = ['lunch with anna@example.com tomorrow 1pm', 'move my 3pm to Friday', 'cancel standup tomorrow', 'when am I free Thursday afternoon?', 'standup every weekday at 9:30', 'team offsite Dec 8 to Dec 10', 'meeting at 9am ET on June 10', 'push my 4pm back 30 minutes'];
const inputs = [...own, ...(existsSync(devFile) ? readFileSync(devFile, 'utf8').split('\n').filter(Boolean).map((l) => (JSON.parse(l) as { text: string }).text) : [])];
const now = new Date('2026-11-25T09:00:00Z');
const model = defaultModel();
const ROUNDS = 5;

function run(label: string, fn: (text: string) => unknown): { perSecond: number; p50: number; p99: number } {
  for (const t of inputs) fn(t); // warm up
  const samples: number[] = [];
  const started = performance.now();
  for (let r = 0; r < ROUNDS; r++) {
    for (const t of inputs) {
      const s = performance.now();
      fn(t);
      samples.push(performance.now() - s);
    }
  }
  const total = performance.now() - started;
  samples.sort((a, b) => a - b);
  const out = { perSecond: (samples.length / total) * 1000, p50: samples[Math.floor(samples.length / 2)]!, p99: samples[Math.floor(samples.length * 0.99)]! };
  console.log(`${label.padEnd(34)} ${out.perSecond.toFixed(0).padStart(7)} commands/s   p50 ${out.p50.toFixed(3)} ms   p99 ${out.p99.toFixed(3)} ms`);
  return out;
}

console.log(`${inputs.length} inputs × ${ROUNDS} rounds`);
const bare = run('chrono.en.casual.parse', (t) => chrono.en.casual.parse(t, now, { forwardDate: true }));
const ours = run('parseCommand (rules + model)', (t) => parseCommand(t, { now, timeZone: 'Europe/Berlin', model }));
run('parseCommand (rules only)', (t) => parseCommand(t, { now, timeZone: 'Europe/Berlin' }));
console.log(`throughput ratio parseCommand / chrono: ${(ours.perSecond / bare.perSecond).toFixed(2)} (goal ≥ 0.50)`);
