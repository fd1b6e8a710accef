import { setTimeout as sleep } from 'node:timers/promises';
import { Redis } from 'ioredis';
import { Client } from 'pg';
import { redisOptions } from '../queue/redis-options.js';
import { ConfigError, redactUrl, type AppConfig } from './app-config.js';

/** A short retry: services that are still starting get about three seconds. */
const attempts = 4;
const delayMs = 1000;

async function retry(what: string, url: string, probe: () => Promise<void>): Promise<void> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await probe();
    } catch (error) {
      if (attempt >= attempts) {
        const reason = error instanceof Error ? error.message || error.name : String(error);
        throw new ConfigError(
          `${what} ${redactUrl(url)} is unreachable after ${attempts} attempts: ${reason}`,
        );
      }
      await sleep(delayMs);
    }
  }
}

async function probePostgres(url: string): Promise<void> {
  const client = new Client({ connectionString: url, connectionTimeoutMillis: 2000 });
  try {
    await client.connect();
    await client.query('SELECT 1');
  } finally {
    await client.end().catch(() => undefined);
  }
}

async function probeRedis(url: string): Promise<void> {
  const redis = new Redis({
    ...redisOptions(url),
    lazyConnect: true,
    connectTimeout: 2000,
    maxRetriesPerRequest: 0,
    retryStrategy: () => null,
  });
  redis.on('error', () => undefined); // the rejected connect() carries the error
  try {
    await redis.connect();
    await redis.ping();
  } finally {
    redis.disconnect();
  }
}

/** Fails with one clear message when PostgreSQL or Redis cannot be reached (full mode: embedded needs neither). */
export async function checkDependencies(config: AppConfig): Promise<void> {
  if (config.mode === 'embedded') return;
  await retry('DATABASE_URL', config.databaseUrl, () => probePostgres(config.databaseUrl));
  await retry('REDIS_URL', config.redisUrl, () => probeRedis(config.redisUrl));
}
