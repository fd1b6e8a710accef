import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig, redactUrl } from './app-config.js';

describe('loadConfig', () => {
  it('fills in the documented defaults', () => {
    const config = loadConfig({});
    expect(config).toEqual({
      mode: 'full',
      dataDir: null,
      databaseUrl: 'postgres://postgres@127.0.0.1:5432/spillover',
      redisUrl: 'redis://127.0.0.1:6379',
      queuePrefix: 'spillover',
      port: 4000,
      uploadMaxBytes: 52_428_800,
      sessionTtlMs: 336 * 3600 * 1000,
      cookieSecure: false,
      logLevels: ['fatal', 'error', 'warn', 'log'],
      bootstrapChunkSize: 0,
      workerConcurrency: 2,
      requeue: { intervalMs: 60_000, queuedAgeMs: 30_000 },
      adminEmails: [],
      teamLimits: { maxActiveJobs: 20, maxStorageBytes: 1_073_741_824 },
    });
  });

  it('reads every variable', () => {
    const config = loadConfig({
      DATABASE_URL: 'postgresql://u:p@db:5433/x',
      REDIS_URL: 'rediss://cache:6380/2',
      QUEUE_PREFIX: 'test_1',
      API_PORT: '4100',
      UPLOAD_MAX_BYTES: '1000',
      SESSION_TTL_HOURS: '1.5',
      COOKIE_SECURE: 'true',
      ADMIN_EMAILS: ' Root@Example.org, ops@example.org ',
      TEAM_MAX_ACTIVE_JOBS: '3',
      TEAM_MAX_STORAGE_BYTES: '1000000',
      LOG_LEVEL: 'warn',
    });
    expect(config).toMatchObject({
      databaseUrl: 'postgresql://u:p@db:5433/x',
      redisUrl: 'rediss://cache:6380/2',
      queuePrefix: 'test_1',
      port: 4100,
      uploadMaxBytes: 1000,
      sessionTtlMs: 5_400_000,
      cookieSecure: true,
      adminEmails: ['root@example.org', 'ops@example.org'],
      teamLimits: { maxActiveJobs: 3, maxStorageBytes: 1_000_000 },
      logLevels: ['fatal', 'error', 'warn'],
    });
  });

  it('treats an empty variable as unset and `info` as Nest’s `log`', () => {
    expect(loadConfig({ API_PORT: '', LOG_LEVEL: 'info' })).toMatchObject({
      port: 4000,
      logLevels: ['fatal', 'error', 'warn', 'log'],
    });
  });

  it('rejects a DATABASE_URL that is not a postgres URL, naming the variable', () => {
    expect(() => loadConfig({ DATABASE_URL: 'not a url' })).toThrow(ConfigError);
    expect(() => loadConfig({ DATABASE_URL: 'mysql://localhost/x' })).toThrow(
      /DATABASE_URL: DATABASE_URL must be a URL starting with postgres:\/\/ or postgresql:\/\//,
    );
  });

  it('lists every bad variable in one message', () => {
    expect(() => loadConfig({ REDIS_URL: 'http://x', API_PORT: '70000', COOKIE_SECURE: 'maybe' })).toThrow(
      /REDIS_URL: .*; API_PORT: .*; COOKIE_SECURE: /,
    );
  });

  it('refuses an ADMIN_EMAILS entry that is not an email', () => {
    expect(() => loadConfig({ ADMIN_EMAILS: 'root@example.org, nobody' })).toThrow(/ADMIN_EMAILS/);
  });

  it('refuses a queue prefix that would break BullMQ keys', () => {
    expect(() => loadConfig({ QUEUE_PREFIX: 'a:b' })).toThrow(/QUEUE_PREFIX/);
  });

  it('puts embedded mode on a PGlite folder, resolved to an absolute path', () => {
    const config = loadConfig({
      SPILLOVER_MODE: 'embedded',
      SPILLOVER_DATA_DIR: 'data dir',
      WORKER_CONCURRENCY: '3',
      REQUEUE_INTERVAL_MS: '500',
    });
    expect(config).toMatchObject({
      mode: 'embedded',
      dataDir: resolve('data dir'),
      databaseUrl: `pglite://${resolve('data dir').replaceAll(' ', '%20')}`,
      workerConcurrency: 3,
      requeue: { intervalMs: 500, queuedAgeMs: 30_000 },
    });
    expect(() => loadConfig({ SPILLOVER_MODE: 'servers' })).toThrow(/SPILLOVER_MODE/);
  });
});

describe('redactUrl', () => {
  it('hides the password only', () => {
    expect(redactUrl('postgres://user:secret@host:5432/db')).toBe('postgres://user:***@host:5432/db');
    expect(redactUrl('redis://127.0.0.1:6379')).toBe('redis://127.0.0.1:6379');
  });
});
