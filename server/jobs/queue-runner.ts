import { Queue, QueueEvents, Worker } from 'bullmq';
import { Redis } from 'ioredis';
import { jobHandlers, type JobContext, type JobName } from './job-handlers.ts';
import type { JobRunner, Schedule } from './runner.ts';

const QUEUE = 'jobs';

/**
 * The same handlers on a BullMQ queue in Redis, for several instances: each
 * schedule fires once per interval whichever instance is up, any instance's
 * worker takes the job, and a job whose worker died is picked up again.
 */
export class QueueRunner implements JobRunner {
  private readonly connection: Redis;
  private readonly queue: Queue;
  private readonly events: QueueEvents;
  private readonly worker: Worker;

  constructor(
    private readonly ctx: JobContext,
    redis: { url: string; prefix: string },
  ) {
    // BullMQ's blocking reads need maxRetriesPerRequest: null.
    this.connection = new Redis(redis.url, { maxRetriesPerRequest: null });
    const common = { connection: this.connection, prefix: redis.prefix };
    this.queue = new Queue(QUEUE, common);
    this.events = new QueueEvents(QUEUE, { connection: new Redis(redis.url, { maxRetriesPerRequest: null }), prefix: redis.prefix });
    this.worker = new Worker(
      QUEUE,
      async (job) => {
        const started = ctx.now();
        const summary = await jobHandlers[job.name as JobName](ctx);
        ctx.log.info({ job: job.name, ms: ctx.now() - started, ...summary }, 'job done');
        return summary;
      },
      { ...common, connection: new Redis(redis.url, { maxRetriesPerRequest: null }), concurrency: 2 },
    );
    this.worker.on('failed', (job, error) => ctx.log.error({ job: job?.name, err: error }, 'job failed'));
  }

  async start(schedules: Schedule[]): Promise<void> {
    for (const s of schedules) await this.queue.upsertJobScheduler(s.name, { every: s.everyMs }, { name: s.name, opts: { removeOnComplete: 100, removeOnFail: 100 } });
  }

  async run(name: JobName): Promise<Record<string, number>> {
    const job = await this.queue.add(name, {}, { removeOnComplete: 100, removeOnFail: 100, attempts: 3, backoff: { type: 'exponential', delay: 1000 } });
    return (await job.waitUntilFinished(this.events, 60_000)) as Record<string, number>;
  }

  async ready(): Promise<boolean> {
    const timeout = new Promise<false>((resolve) => setTimeout(() => resolve(false), 1000).unref());
    const ping = this.connection.ping().then((r) => r === 'PONG', () => false);
    return Promise.race([ping, timeout]);
  }

  async close(): Promise<void> {
    await this.worker.close();
    await this.events.close();
    await this.queue.close();
    await this.connection.quit().catch(() => undefined);
  }
}
