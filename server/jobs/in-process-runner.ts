import { runJob, type JobContext, type JobName } from './job-handlers.ts';
import type { JobRunner, Schedule } from './runner.ts';

/**
 * Runs the job handlers on timers inside the server process: the default for
 * a single instance. A job never overlaps itself; `close()` stops the timers
 * and waits for the runs in flight (SIGTERM drains rather than cuts).
 */
export class InProcessRunner implements JobRunner {
  private readonly timers: NodeJS.Timeout[] = [];
  private readonly running = new Map<JobName, Promise<unknown>>();
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

  async ready(): Promise<boolean> {
    return true; // nothing outside this process to wait for
  }

  async close(): Promise<void> {
    this.closed = true;
    for (const t of this.timers) clearInterval(t);
    await Promise.all(this.running.values());
  }
}
