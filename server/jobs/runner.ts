import type { JobName } from './job-handlers.ts';

export interface Schedule {
  name: JobName;
  everyMs: number;
}

/** What the app needs from a job runner, in process or on the shared queue. */
export interface JobRunner {
  start(schedules: Schedule[]): Promise<void> | void;
  /** Runs a job now and returns its summary. */
  run(name: JobName): Promise<Record<string, number>>;
  /** Whether the runner can take work now (the queue's Redis answers); readiness asks. */
  ready(): Promise<boolean>;
  /** Stops taking new work and waits for the work in hand. */
  close(): Promise<void>;
}
