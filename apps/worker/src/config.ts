import { z } from 'zod';

/** Every environment variable the worker reads, validated once at boot. */

function urlWithProtocol(protocols: string[], example: string) {
  return z.string().refine(
    (value) => {
      try {
        return protocols.includes(new URL(value).protocol);
      } catch {
        return false;
      }
    },
    { message: `must be a URL like ${example}` },
  );
}

const logLevelOf = {
  fatal: 'error',
  error: 'error',
  warn: 'warn',
  info: 'info',
  log: 'info',
  debug: 'debug',
  verbose: 'debug',
} as const;

const positiveInt = (fallback: number) => z.coerce.number().int().positive().default(fallback);

export const WorkerEnv = z.object({
  DATABASE_URL: urlWithProtocol(['postgres:', 'postgresql:'], 'postgres://user@host:5432/db').default(
    'postgres://postgres@127.0.0.1:5432/spillover',
  ),
  REDIS_URL: urlWithProtocol(['redis:', 'rediss:'], 'redis://host:6379').default('redis://127.0.0.1:6379'),
  /** BullMQ key prefix; tests set a unique one. */
  QUEUE_PREFIX: z
    .string()
    .regex(/^[A-Za-z0-9_-]+$/, 'may hold only letters, digits, "_" and "-"')
    .default('spillover'),
  /** Jobs run at once by this process; each gets its own thread. */
  WORKER_CONCURRENCY: z.coerce.number().int().min(1).max(64).default(2),
  /** The API's (Nest) level names are accepted too, mapped onto the worker's four. */
  LOG_LEVEL: z
    .enum(['fatal', 'error', 'warn', 'info', 'log', 'debug', 'verbose'])
    .default('info')
    .transform((level) => logLevelOf[level]),
  /** BullMQ job lock: a job whose lock is not renewed within this time counts as stalled. */
  WORKER_LOCK_DURATION_MS: positiveInt(30_000),
  /** How often this worker looks for stalled jobs of dead workers. */
  WORKER_STALLED_INTERVAL_MS: positiveInt(30_000),
  /** Re-deliveries of a stalled job before it fails with WORKER_LOST. */
  WORKER_MAX_STALLED_COUNT: z.coerce.number().int().min(0).default(1),
  /** Re-queue sweeper period, and how old a queued row must be before its missing job is re-added. */
  REQUEUE_INTERVAL_MS: positiveInt(60_000),
  REQUEUE_QUEUED_AGE_MS: positiveInt(30_000),
});
export type WorkerConfig = z.infer<typeof WorkerEnv>;

export class ConfigError extends Error {
  override readonly name = 'ConfigError';
}

/** Parses the environment; the error names every bad variable. */
export function loadConfig(env: NodeJS.ProcessEnv): WorkerConfig {
  const blankAsUnset = Object.fromEntries(Object.entries(env).filter(([, value]) => value !== ''));
  const parsed = WorkerEnv.safeParse(blankAsUnset);
  if (parsed.success) return parsed.data;
  const problems = parsed.error.issues.map((issue) => `${issue.path.join('.')} ${issue.message}`);
  throw new ConfigError(`invalid environment: ${problems.join('; ')}`);
}
