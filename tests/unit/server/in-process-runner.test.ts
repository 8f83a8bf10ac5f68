import pino from 'pino';
import { describe, expect, it } from 'vitest';
import type { JobContext } from '../../../server/jobs/job-handlers.ts';
import { InProcessRunner } from '../../../server/jobs/in-process-runner.ts';

declare module '../../../server/jobs/runner.ts' {
  interface TaskPayloads {
    'test-task': { n: number };
  }
}

const ctx = { log: pino({ level: 'silent' }), now: Date.now } as unknown as JobContext;

function gate() {
  let open!: () => void;
  const opened = new Promise<void>((r) => (open = r));
  return { open, opened };
}

describe('the in-process task runner', () => {
  it('never runs two tasks with one key side by side; one waits, with the newest data', async () => {
    const runner = new InProcessRunner(ctx);
    const seen: number[] = [];
    const first = gate();
    runner.handle('test-task', async ({ n }) => {
      seen.push(n);
      if (n === 1) await first.opened;
    });
    await runner.enqueue('test-task', { n: 1 }, { dedupeKey: 'k' });
    for (const n of [2, 3, 4]) await runner.enqueue('test-task', { n }, { dedupeKey: 'k' });
    expect(seen).toEqual([1]);
    first.open();
    await runner.idle();
    expect(seen).toEqual([1, 4]);
  });

  it('runs tasks without a key, or with different keys, side by side', async () => {
    const runner = new InProcessRunner(ctx);
    const running: number[] = [];
    const release = gate();
    runner.handle('test-task', async ({ n }) => {
      running.push(n);
      await release.opened;
    });
    await runner.enqueue('test-task', { n: 1 });
    await runner.enqueue('test-task', { n: 2 });
    await runner.enqueue('test-task', { n: 3 }, { dedupeKey: 'a' });
    expect(running).toEqual([1, 2, 3]);
    release.open();
    await runner.idle();
  });

  it('tries a failing task again, then gives up and goes on with the next', async () => {
    const runner = new InProcessRunner(ctx);
    let tries = 0;
    const done: number[] = [];
    runner.handle('test-task', async ({ n }) => {
      if (n === 1) {
        tries++;
        throw new Error('Google is down');
      }
      done.push(n);
    });
    await runner.enqueue('test-task', { n: 1 }, { dedupeKey: 'x' });
    await runner.enqueue('test-task', { n: 2 }, { dedupeKey: 'x' });
    await runner.idle();
    expect(tries).toBe(3);
    expect(done).toEqual([2]);
  }, 10_000);

  it('finishes queued work on close and takes no new work after', async () => {
    const runner = new InProcessRunner(ctx);
    const done: number[] = [];
    runner.handle('test-task', async ({ n }) => {
      await new Promise((r) => setTimeout(r, 20));
      done.push(n);
    });
    for (const n of [1, 2, 3, 4, 5, 6]) await runner.enqueue('test-task', { n });
    await runner.close();
    expect(done.sort()).toEqual([1, 2, 3, 4, 5, 6]);
    await runner.enqueue('test-task', { n: 7 });
    await runner.idle();
    expect(done).not.toContain(7);
  });
});
