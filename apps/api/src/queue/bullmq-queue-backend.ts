import { Logger } from '@nestjs/common';
import { analysisCancelKey, analysisCancelTtlSeconds, QueueName } from '@spillover/contracts';
import type { JobEventListener, JobQueue, QueueBackend, QueueWorkerInfo } from '@spillover/worker/embedded';
import { FlowProducer, Queue, QueueEvents } from 'bullmq';
import { Redis } from 'ioredis';
import type { AppConfig } from '../config/app-config.js';
import { redisOptions } from './redis-options.js';

/**
 * The queue port on BullMQ and Redis (full mode): one producer connection that fails fast (a request must
 * not hang while Redis is away), a Queue per queue name, a FlowProducer, and one QueueEvents reader per
 * followed queue (a blocking connection), fanned out to listeners in this process.
 */
export class BullmqQueueBackend implements QueueBackend {
  readonly mode = 'bullmq' as const;
  private readonly logger = new Logger('Queues');
  private readonly redis: Redis;
  /** The BullMQ queues themselves, for bull-board. */
  readonly queues: ReadonlyMap<string, Queue>;
  readonly flows: FlowProducer;
  private readonly events = new Map<string, QueueEvents>();

  constructor(private readonly config: AppConfig) {
    this.redis = new Redis({ ...redisOptions(config.redisUrl), maxRetriesPerRequest: 1 });
    this.redis.on('error', (error) => this.logger.warn(`Redis: ${error.message}`));
    const options = { connection: this.redis, prefix: config.queuePrefix };
    this.queues = new Map(Object.values(QueueName).map((name) => [name, new Queue(name, options)]));
    this.flows = new FlowProducer(options);
  }

  queue(name: string): JobQueue {
    const queue = this.queues.get(name);
    if (!queue) throw new Error(`no queue ${name}`);
    return queue;
  }

  onJobEvent(name: string, listener: JobEventListener): () => void {
    const events = this.eventsOf(name);
    const onProgress = ({ jobId, data }: { jobId: string; data: unknown }) =>
      listener(jobId, { kind: 'progress', data });
    const changed = {
      active: ({ jobId }: { jobId: string }) => listener(jobId, { kind: 'active' }),
      completed: ({ jobId }: { jobId: string }) => listener(jobId, { kind: 'completed' }),
      failed: ({ jobId }: { jobId: string }) => listener(jobId, { kind: 'failed' }),
    };
    events.on('progress', onProgress);
    events.on('active', changed.active);
    events.on('completed', changed.completed);
    events.on('failed', changed.failed);
    return () => {
      events.off('progress', onProgress);
      events.off('active', changed.active);
      events.off('completed', changed.completed);
      events.off('failed', changed.failed);
    };
  }

  private eventsOf(name: string): QueueEvents {
    let events = this.events.get(name);
    if (!events) {
      events = new QueueEvents(name, {
        // a blocking reader waits for Redis instead of failing its commands
        connection: { ...redisOptions(this.config.redisUrl), maxRetriesPerRequest: null },
        prefix: this.config.queuePrefix,
      });
      events.on('error', (error) => this.logger.warn(`Redis: ${error.message}`));
      this.events.set(name, events);
    }
    return events;
  }

  /** Worker connections of a queue, as Redis lists them. */
  async workers(name: string): Promise<QueueWorkerInfo[]> {
    const clients = await this.queues.get(name)!.getWorkers();
    return clients.map((client) => ({
      id: String(client.id ?? ''),
      name: workerNameOf(String(client.rawname ?? client.name ?? '')),
      addr: String(client.addr ?? ''),
      ageSeconds: Number(client.age ?? 0),
      idleSeconds: Number(client.idle ?? 0),
    }));
  }

  async raiseCancelFlag(analysisId: string): Promise<void> {
    await this.redis.set(
      analysisCancelKey(this.config.queuePrefix, analysisId),
      '1',
      'EX',
      analysisCancelTtlSeconds,
    );
  }

  async ping(): Promise<void> {
    await this.redis.ping();
  }

  async close(): Promise<void> {
    await Promise.all([
      ...[...this.events.values()].map((events) => events.close()),
      ...[...this.queues.values()].map((queue) => queue.close()),
      this.flows.close(),
    ]);
    // a connection handed to BullMQ stays open on close(); it is ours to end
    await this.redis.quit();
  }
}

/** The name a worker gave itself (host:pid): BullMQ names its connection `<prefix>:<queue>:w:<name>`. */
function workerNameOf(connectionName: string): string {
  const at = connectionName.indexOf(':w:');
  return at < 0 ? connectionName : connectionName.slice(at + 3);
}
