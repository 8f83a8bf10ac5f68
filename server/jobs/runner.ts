import type { JobName } from './job-handlers.ts';

export interface Schedule {
  name: JobName;
  everyMs: number;
}

/**
 * One-off tasks with a payload, queued by the app (a calendar to sync, an update
 * from Telegram). A feature adds its own by declaration merging:
 * `declare module '../jobs/runner.ts' { interface TaskPayloads { 'my-task': {...} } }`.
 */
// eslint-disable-next-line @typescript-eslint/no-empty-object-type -- filled in by declaration merging
export interface TaskPayloads {}
export type TaskName = keyof TaskPayloads & string;
export type TaskHandler<N extends TaskName> = (data: TaskPayloads[N]) => Promise<Record<string, number> | void>;

export interface EnqueueOptions {
  /** While a task with this key waits to run, queueing it again does nothing (one sync per calendar, one run per update). */
  dedupeKey?: string;
}

/** What the app needs from a job runner, in process or on the shared queue. */
export interface JobRunner {
  start(schedules: Schedule[]): Promise<void> | void;
  /** Runs a scheduled job now and returns its summary. */
  run(name: JobName): Promise<Record<string, number>>;
  /** Says which function carries out a task; register before the app is ready. */
  handle<N extends TaskName>(name: N, handler: TaskHandler<N>): void;
  /** Queues a task and returns at once; the runner retries a task that throws a few times, then logs it. */
  enqueue<N extends TaskName>(name: N, data: TaskPayloads[N], options?: EnqueueOptions): Promise<void>;
  /** Whether the runner can take work now (the queue's Redis answers); readiness asks. */
  ready(): Promise<boolean>;
  /** Stops taking new work and waits for the work in hand. */
  close(): Promise<void>;
}

/** How often a failing task is tried in all, and the first wait before trying it again. */
export const TASK_ATTEMPTS = 3;
export const TASK_RETRY_BASE_MS = 1000;
