import { pgliteUrl } from '@spillover/db';
import { resolve } from 'node:path';
import { z } from 'zod';

/** Log levels accepted in LOG_LEVEL, most to least severe; `info` is an alias of Nest's `log`. */
const logLevels = ['fatal', 'error', 'warn', 'log', 'debug', 'verbose'] as const;
export type LogLevel = (typeof logLevels)[number];

function urlWithProtocols(name: string, protocols: string[]) {
  return z
    .string()
    .trim()
    .refine((value) => URL.canParse(value) && protocols.includes(new URL(value).protocol.slice(0, -1)), {
      message: `${name} must be a URL starting with ${protocols.map((p) => `${p}://`).join(' or ')}`,
    });
}

const booleanFlag = z
  .enum(['true', 'false', '1', '0', 'yes', 'no'])
  .transform((value) => value === 'true' || value === '1' || value === 'yes');

/** Every environment variable the API reads (documented in /.env.example). */
export const ApiEnvironment = z.object({
  /**
   * `full`: PostgreSQL (DATABASE_URL), Redis (REDIS_URL) and separate worker processes; `embedded`: an
   * embedded PGlite database in SPILLOVER_DATA_DIR and the worker inside the API process, no servers.
   */
  SPILLOVER_MODE: z.enum(['full', 'embedded']).default('full'),
  /** Embedded mode's data folder (relative paths resolve against the working directory). */
  SPILLOVER_DATA_DIR: z.string().trim().min(1).default('.spillover/data'),
  /** Embedded mode: jobs run at once per queue in the API process, each on its own thread. */
  WORKER_CONCURRENCY: z.coerce.number().int().min(1).max(64).default(2),
  /** Embedded mode: how often the re-queue sweeper runs, and the age of a queued row it may re-queue. */
  REQUEUE_INTERVAL_MS: z.coerce.number().int().positive().default(60_000),
  REQUEUE_QUEUED_AGE_MS: z.coerce.number().int().positive().default(30_000),
  DATABASE_URL: urlWithProtocols('DATABASE_URL', ['postgres', 'postgresql']).default(
    'postgres://postgres@127.0.0.1:5432/spillover',
  ),
  REDIS_URL: urlWithProtocols('REDIS_URL', ['redis', 'rediss']).default('redis://127.0.0.1:6379'),
  QUEUE_PREFIX: z
    .string()
    .regex(/^[A-Za-z0-9_-]+$/, 'QUEUE_PREFIX may only contain letters, digits, "_" and "-"')
    .default('spillover'),
  API_PORT: z.coerce.number().int().min(1).max(65535).default(4000),
  UPLOAD_MAX_BYTES: z.coerce.number().int().positive().default(52_428_800),
  SESSION_TTL_HOURS: z.coerce.number().positive().default(336),
  COOKIE_SECURE: booleanFlag.default(false),
  /** Comma-separated emails whose users are platform administrators (at sign-up, and at every start). */
  ADMIN_EMAILS: z
    .string()
    .transform((value) =>
      value
        .split(',')
        .map((email) => email.trim().toLowerCase())
        .filter(Boolean),
    )
    .pipe(z.array(z.email('ADMIN_EMAILS must be a comma-separated list of emails')))
    .default([]),
  /** Default per-team limits; an administrator can set others per team. */
  TEAM_MAX_ACTIVE_JOBS: z.coerce.number().int().min(0).default(20),
  TEAM_MAX_STORAGE_BYTES: z.coerce.number().int().min(0).default(1_073_741_824),
  LOG_LEVEL: z
    .enum([...logLevels, 'info'])
    .transform((level): LogLevel => (level === 'info' ? 'log' : level))
    .default('log'),
  /** Replications per BootstrapChunk job; 0 picks max(50, reps / (4 × worker processes)). */
  BOOTSTRAP_CHUNK_SIZE: z.coerce.number().int().min(0).default(0),
});

export interface AppConfig {
  mode: 'full' | 'embedded';
  /** Embedded mode's absolute data folder; null in full mode. */
  dataDir: string | null;
  /** postgres://… in full mode; pglite:///<dataDir> in embedded mode. */
  databaseUrl: string;
  redisUrl: string;
  queuePrefix: string;
  port: number;
  uploadMaxBytes: number;
  sessionTtlMs: number;
  cookieSecure: boolean;
  /** Lower-case emails of the platform administrators. */
  adminEmails: string[];
  /** Default limits of a team without its own. */
  teamLimits: { maxActiveJobs: number; maxStorageBytes: number };
  /** The configured level and every more severe one, as Nest's logger wants them. */
  logLevels: LogLevel[];
  /** 0: automatic (see BOOTSTRAP_CHUNK_SIZE). */
  bootstrapChunkSize: number;
  /** Embedded mode's jobs at once per queue. */
  workerConcurrency: number;
  /** Embedded mode's re-queue sweeper (after a restart, jobs are re-added from the tables). */
  requeue: { intervalMs: number; queuedAgeMs: number };
}

/** Injection token of the AppConfig. */
export const APP_CONFIG = Symbol('AppConfig');

export class ConfigError extends Error {
  override name = 'ConfigError';
}

/** Validates the environment; throws one ConfigError listing every bad variable. */
export function loadConfig(env: Record<string, string | undefined>): AppConfig {
  // an empty variable means "not set", as in most .env loaders
  const present = Object.fromEntries(Object.entries(env).filter(([, value]) => value !== ''));
  const parsed = ApiEnvironment.safeParse(present);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`);
    throw new ConfigError(`invalid environment: ${problems.join('; ')}`);
  }
  const e = parsed.data;
  const dataDir = e.SPILLOVER_MODE === 'embedded' ? resolve(e.SPILLOVER_DATA_DIR) : null;
  return {
    mode: e.SPILLOVER_MODE,
    dataDir,
    databaseUrl: dataDir ? pgliteUrl(dataDir) : e.DATABASE_URL,
    redisUrl: e.REDIS_URL,
    queuePrefix: e.QUEUE_PREFIX,
    port: e.API_PORT,
    uploadMaxBytes: e.UPLOAD_MAX_BYTES,
    sessionTtlMs: e.SESSION_TTL_HOURS * 3600 * 1000,
    cookieSecure: e.COOKIE_SECURE,
    adminEmails: e.ADMIN_EMAILS,
    teamLimits: { maxActiveJobs: e.TEAM_MAX_ACTIVE_JOBS, maxStorageBytes: e.TEAM_MAX_STORAGE_BYTES },
    logLevels: logLevels.slice(0, logLevels.indexOf(e.LOG_LEVEL) + 1),
    bootstrapChunkSize: e.BOOTSTRAP_CHUNK_SIZE,
    workerConcurrency: e.WORKER_CONCURRENCY,
    requeue: { intervalMs: e.REQUEUE_INTERVAL_MS, queuedAgeMs: e.REQUEUE_QUEUED_AGE_MS },
  };
}

/** A URL for messages: the password replaced by `***`. */
export function redactUrl(url: string): string {
  if (!URL.canParse(url)) return url;
  const parsed = new URL(url);
  if (parsed.password) parsed.password = '***';
  return parsed.toString();
}

/** The configuration of this process: the only place that reads process.env. */
export function readConfig(): AppConfig {
  return loadConfig(process.env);
}
