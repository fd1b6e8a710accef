import { describe, expect, it } from 'vitest';
import { loadConfig } from './config.js';

describe('loadConfig', () => {
  it('fills defaults', () => {
    expect(loadConfig({})).toMatchObject({
      DATABASE_URL: 'postgres://postgres@127.0.0.1:5432/spillover',
      REDIS_URL: 'redis://127.0.0.1:6379',
      QUEUE_PREFIX: 'spillover',
      WORKER_CONCURRENCY: 2,
      WORKER_LOCK_DURATION_MS: 30000,
    });
  });

  it("accepts the API's log level names", () => {
    expect(loadConfig({ LOG_LEVEL: 'verbose' }).LOG_LEVEL).toBe('debug');
    expect(loadConfig({ LOG_LEVEL: 'log' }).LOG_LEVEL).toBe('info');
  });

  it('names every bad variable', () => {
    expect(() =>
      loadConfig({ DATABASE_URL: 'not a url', REDIS_URL: 'http://x', WORKER_CONCURRENCY: 'zero' }),
    ).toThrow(
      /DATABASE_URL must be a URL like postgres:.*REDIS_URL must be a URL like redis:.*WORKER_CONCURRENCY/,
    );
  });
});
