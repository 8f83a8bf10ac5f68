import { setTimeout as delay } from 'node:timers/promises';
import { Queue, QueueEvents, Worker } from 'bullmq';
import { Redis } from 'ioredis';
import { jobHandlers, runJob, type JobContext, type JobName } from './job-handlers.ts';
import { TASK_ATTEMPTS, TASK_RETRY_BASE_MS, type EnqueueOptions, type JobRunner, type Schedule, type TaskHandler, type TaskName, type TaskPayloads } from './runner.ts';

const QUEUE = 'jobs';
/** Finished jobs kept in Redis for inspection, per outcome. */
const KEEP = { removeOnComplete: 100, removeOnFail: 100 };

/**
 * The same handlers on a BullMQ queue in Redis, for several instances: each
 * schedule fires once per interval whichever instance is up, any instance's
 * worker takes the job, and a job whose worker died is picked up again.
 */
export class QueueRunner implements JobRunner {
  private readonly connection: Redis;
  private readonly connections: Redis[];
  private readonly queue: Queue;
  private readonly events: QueueEvents;
  private readonly worker: Worker;
  private readonly handlers = new Map<TaskName, TaskHandler<never>>();

  constructor(
    private readonly ctx: JobContext,
    redis: { url: string; prefix: string; stalledIntervalMs?: number },
  ) {
    // BullMQ's blocking reads need maxRetriesPerRequest: null.
    // Three connections: the worker's and the events' block on reads, the queue's must not wait behind them.
    this.connections = [0, 1, 2].map(() => new Redis(redis.url, { maxRetriesPerRequest: null }));
    const [queueConnection, eventsConnection, workerConnection] = this.connections as [Redis, Redis, Redis];
    this.connection = queueConnection;
    const common = { connection: queueConnection, prefix: redis.prefix };
    this.queue = new Queue(QUEUE, common);
    this.events = new QueueEvents(QUEUE, { connection: eventsConnection, prefix: redis.prefix });
    // Not running until start(): by then every feature has registered its task handlers.
    this.worker = new Worker(QUEUE, (job) => this.process(job.name, job.data), {
      ...common,
      connection: workerConnection,
      concurrency: 4,
      autorun: false,
      ...(redis.stalledIntervalMs ? { stalledInterval: redis.stalledIntervalMs, lockDuration: redis.stalledIntervalMs } : {}),
    });
    this.worker.on('failed', (job, error) => ctx.log.error({ job: job?.name, err: error }, 'job failed'));
    // Redis going away is reported once per outage, not once per reconnect attempt; /readyz says 503 meanwhile.
    let down = false;
    const onError = (error: Error) => {
      if (!down) ctx.log.warn({ err: error }, 'job queue: Redis unreachable, retrying');
      down = true;
    };
    this.connection.on('ready', () => {
      if (down) ctx.log.info('job queue: Redis reachable again');
      down = false;
    });
    this.queue.on('error', onError);
    this.events.on('error', onError);
    this.worker.on('error', onError);
    for (const c of this.connections) c.on('error', onError);
  }

  private closed = false;
  private scheduling: Promise<void> = Promise.resolve();

  /** Registers the schedules without holding up startup: with Redis down the server still starts (and is not ready). */
  start(schedules: Schedule[]): void {
    void this.worker.run().catch((error: unknown) => this.ctx.log.error({ err: error }, 'job queue worker stopped'));
    this.scheduling = (async () => {
      while (!this.closed) {
        try {
          for (const s of schedules) await this.queue.upsertJobScheduler(s.name, { every: s.everyMs }, { name: s.name, opts: KEEP });
          return;
        } catch {
          await delay(2000, undefined, { ref: false });
        }
      }
    })();
  }

  /** Resolves once the schedules are in Redis (tests wait for it). */
  scheduled(): Promise<void> {
    return this.scheduling;
  }

  async run(name: JobName): Promise<Record<string, number>> {
    const job = await this.queue.add(name, {}, { ...KEEP, attempts: 3, backoff: { type: 'exponential', delay: 1000 } });
    return (await job.waitUntilFinished(this.events, 60_000)) as Record<string, number>;
  }

  handle<N extends TaskName>(name: N, handler: TaskHandler<N>): void {
    this.handlers.set(name, handler as TaskHandler<never>);
  }

  async enqueue<N extends TaskName>(name: N, data: TaskPayloads[N], options: EnqueueOptions = {}): Promise<void> {
    await this.queue.add(name, data, {
      ...KEEP,
      attempts: TASK_ATTEMPTS,
      backoff: { type: 'exponential', delay: TASK_RETRY_BASE_MS },
      // One waiting and at most one running per key, the waiting one with the newest data.
      ...(options.dedupeKey ? { deduplication: { id: options.dedupeKey, keepLastIfActive: true } } : {}),
    });
  }

  private async process(name: string, data: unknown): Promise<Record<string, number> | void> {
    if (name in jobHandlers) return runJob(name as JobName, this.ctx);
    const handler = this.handlers.get(name as TaskName);
    if (!handler) throw new Error(`no handler for task ${name}`);
    return handler(data as never);
  }

  async ready(): Promise<boolean> {
    const ping = this.connection.ping().then((r) => r === 'PONG', () => false);
    return Promise.race([ping, delay(1000, false, { ref: false })]);
  }

  async close(): Promise<void> {
    this.closed = true;
    if (this.connection.status === 'ready') {
      await this.worker.close(); // waits for the jobs in hand
      await this.events.close();
      await this.queue.close();
      await Promise.all(this.connections.map((c) => c.quit().catch(() => undefined)));
      return;
    }
    // Redis is away: nothing can be drained, so drop the connections rather than wait for them forever.
    for (const c of this.connections) c.disconnect();
    await Promise.race([Promise.allSettled([this.worker.close(true), this.events.close(), this.queue.close()]), delay(1000, undefined, { ref: false })]);
  }
}
