import { Inject, Injectable, Logger, type BeforeApplicationShutdown } from '@nestjs/common';
import { startEmbeddedWorker, type QueueBackend } from '@spillover/worker/embedded';
import type { DataSource } from 'typeorm';
import type { AppConfig } from '../config/app-config.js';
import { BullmqQueueBackend } from './bullmq-queue-backend.js';

/** Injection token of the QueueBackend (the queue port) of this process. */
export const QUEUE_BACKEND = Symbol('QueueBackend');

/**
 * BullMQ on Redis in full mode; in embedded mode the worker runs in this process on in-process queues,
 * on the API's own data source (PGlite allows one per folder and process).
 */
export function createQueueBackend(config: AppConfig, dataSource: DataSource): QueueBackend {
  if (config.mode === 'full') return new BullmqQueueBackend(config);
  const logger = new Logger('EmbeddedWorker');
  const { backend } = startEmbeddedWorker({
    dataSource,
    concurrency: config.workerConcurrency,
    queuePrefix: config.queuePrefix,
    requeue: config.requeue,
    log: {
      debug: (message, fields) => logger.debug(withFields(message, fields)),
      info: (message, fields) => logger.log(withFields(message, fields)),
      warn: (message, fields) => logger.warn(withFields(message, fields)),
      error: (message, fields) => logger.error(withFields(message, fields)),
    },
  });
  logger.log(`jobs run in this process, ${config.workerConcurrency} at a time per queue`);
  return backend;
}

function withFields(message: string, fields?: Record<string, unknown>): string {
  if (!fields) return message;
  return `${message} ${Object.entries(fields)
    .map(([key, value]) => `${key}=${typeof value === 'string' ? value : JSON.stringify(value)}`)
    .join(' ')}`;
}

/** Closes the backend after every module has let go of it (streams ended, producers done). */
@Injectable()
export class QueueBackendShutdown implements BeforeApplicationShutdown {
  constructor(@Inject(QUEUE_BACKEND) private readonly backend: QueueBackend) {}

  async beforeApplicationShutdown(): Promise<void> {
    await this.backend.close();
  }
}
