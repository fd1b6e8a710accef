import { createDataSource } from '@spillover/db';
import { Redis } from 'ioredis';
import type { DataSource } from 'typeorm';
import { errorMessage, type Logger } from './logger.js';

/** Connections to PostgreSQL and Redis, with a short retry at boot so a wrong URL stops the worker quickly. */

const bootAttempts = 5;
const bootRetryDelayMs = 1000;

export class UnreachableError extends Error {
  override readonly name = 'UnreachableError';
}

function redactedUrl(url: string): string {
  const parsed = new URL(url);
  if (parsed.password) parsed.password = '***';
  return parsed.toString();
}

async function withBootRetry<T>(
  what: string,
  url: string,
  log: Logger,
  attempt: () => Promise<T>,
): Promise<T> {
  let lastError: unknown;
  for (let i = 1; i <= bootAttempts; i++) {
    try {
      return await attempt();
    } catch (error) {
      lastError = error;
      log.warn(`${what} not reachable yet`, { attempt: i, of: bootAttempts, error: errorMessage(error) });
      if (i < bootAttempts) await new Promise((resolve) => setTimeout(resolve, bootRetryDelayMs));
    }
  }
  throw new UnreachableError(`${what} is not reachable at ${redactedUrl(url)}: ${errorMessage(lastError)}`);
}

export async function connectDatabase(url: string, log: Logger): Promise<DataSource> {
  return withBootRetry('PostgreSQL', url, log, () => createDataSource(url).initialize());
}

/** Pings once with a connection that does not retry, so an unreachable Redis is reported instead of awaited. */
export async function checkRedis(url: string, log: Logger): Promise<void> {
  await withBootRetry('Redis', url, log, async () => {
    const probe = new Redis(url, {
      lazyConnect: true,
      maxRetriesPerRequest: 0,
      retryStrategy: () => null,
      connectTimeout: 2000,
    });
    probe.on('error', () => {});
    try {
      await probe.connect();
      await probe.ping();
    } finally {
      probe.disconnect();
    }
  });
}

/**
 * The long-lived connection BullMQ workers need: commands wait for Redis to come back instead of failing
 * (maxRetriesPerRequest: null), and errors are logged rather than crashing the process.
 */
export function createRedisConnection(url: string, log: Logger): Redis {
  const connection = new Redis(url, { maxRetriesPerRequest: null });
  connection.on('error', (error) => log.warn('redis connection error', { error: errorMessage(error) }));
  return connection;
}
