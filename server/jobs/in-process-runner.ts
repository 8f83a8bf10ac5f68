import { setTimeout as delay } from 'node:timers/promises';
import { runJob, type JobContext, type JobName } from './job-handlers.ts';
import { TASK_ATTEMPTS, TASK_RETRY_BASE_MS, type EnqueueOptions, type JobRunner, type Schedule, type TaskHandler, type TaskName, type TaskPayloads } from './runner.ts';

/** Tasks running at once in one process: enough to sync several calendars side by side, few enough for SQLite. */
const TASK_CONCURRENCY = 4;

interface Queued {
  name: TaskName;
  data: unknown;
  key: string | undefined;
}

/**
 * Runs the job handlers on timers inside the server process: the default for
 * a single instance. A job never overlaps itself; tasks with the same key never
 * run side by side (one waits, with the newest data, as BullMQ's
 * keepLastIfActive does). `close()` stops the timers and finishes the work in
 * hand and queued, so SIGTERM drains rather than cuts.
 */
export class InProcessRunner implements JobRunner {
  private readonly timers: NodeJS.Timeout[] = [];
  private readonly running = new Map<JobName, Promise<unknown>>();
  private readonly handlers = new Map<TaskName, TaskHandler<never>>();
  private readonly waiting: Queued[] = [];
  private readonly activeKeys = new Set<string>();
  private active = 0;
  private idleWaiters: Array<() => void> = [];
  private closed = false;

  constructor(private readonly ctx: JobContext) {}

  start(schedules: Schedule[]): void {
    for (const s of schedules) {
      const timer = setInterval(() => void this.run(s.name), s.everyMs);
      timer.unref();
      this.timers.push(timer);
    }
  }

  /** Runs a job now (or joins the run in flight) and returns its summary. */
  run(name: JobName): Promise<Record<string, number>> {
    if (this.closed) return Promise.resolve({});
    const inFlight = this.running.get(name);
    if (inFlight) return inFlight as Promise<Record<string, number>>;
    const run = runJob(name, this.ctx)
      .catch((error: unknown) => {
        this.ctx.log.error({ job: name, err: error }, 'job failed');
        return {};
      })
      .finally(() => this.running.delete(name));
    this.running.set(name, run);
    return run;
  }

  handle<N extends TaskName>(name: N, handler: TaskHandler<N>): void {
    this.handlers.set(name, handler as TaskHandler<never>);
  }

  async enqueue<N extends TaskName>(name: N, data: TaskPayloads[N], options: EnqueueOptions = {}): Promise<void> {
    if (this.closed) return;
    const key = options.dedupeKey;
    const same = key === undefined ? undefined : this.waiting.find((q) => q.key === key);
    if (same) same.data = data; // the newest data wins, as with BullMQ
    else this.waiting.push({ name, data, key });
    this.pump();
  }

  /** Resolves when no task is queued or running (tests wait for the work they caused). */
  idle(): Promise<void> {
    if (this.active === 0 && this.waiting.length === 0) return Promise.resolve();
    return new Promise((resolve) => this.idleWaiters.push(resolve));
  }

  async ready(): Promise<boolean> {
    return true; // nothing outside this process to wait for
  }

  async close(): Promise<void> {
    this.closed = true;
    for (const t of this.timers) clearInterval(t);
    await Promise.all(this.running.values());
    await this.idle();
  }

  private pump(): void {
    while (this.active < TASK_CONCURRENCY) {
      const index = this.waiting.findIndex((q) => q.key === undefined || !this.activeKeys.has(q.key));
      if (index < 0) break;
      const [task] = this.waiting.splice(index, 1) as [Queued];
      this.active++;
      if (task.key !== undefined) this.activeKeys.add(task.key);
      void this.runTask(task).finally(() => {
        this.active--;
        if (task.key !== undefined) this.activeKeys.delete(task.key);
        this.pump();
        if (this.active === 0 && this.waiting.length === 0) for (const resolve of this.idleWaiters.splice(0)) resolve();
      });
    }
  }

  private async runTask(task: Queued): Promise<void> {
    const handler = this.handlers.get(task.name);
    if (!handler) {
      this.ctx.log.error({ task: task.name }, 'no handler for task');
      return;
    }
    for (let attempt = 1; ; attempt++) {
      const started = this.ctx.now();
      try {
        const summary = await handler(task.data as never);
        this.ctx.log.debug({ task: task.name, ms: this.ctx.now() - started, ...(summary ?? {}) }, 'task done');
        return;
      } catch (error) {
        if (attempt >= TASK_ATTEMPTS || this.closed) {
          this.ctx.log.error({ task: task.name, attempt, err: error }, 'task failed');
          return;
        }
        await delay(TASK_RETRY_BASE_MS * 2 ** (attempt - 1), undefined, { ref: false });
      }
    }
  }
}
