/** Types of scripts/stack.mjs for TypeScript tests. */
export type StackService = 'api' | 'worker' | 'web';

export interface StartStackOptions {
  /** full (default): PostgreSQL, Redis and worker processes; embedded: PGlite and the worker inside the api. */
  mode?: 'full' | 'embedded';
  /** Embedded mode's data folder (default SPILLOVER_DATA_DIR, else .spillover/data). */
  dataDir?: string;
  /** Database on the local PostgreSQL (default: the one in DATABASE_URL, else `spillover`). */
  databaseName?: string;
  /** Drop and recreate the database first. */
  fresh?: boolean;
  /** Default 4000; 0 picks a free port. */
  apiPort?: number;
  /** Default 3000; 0 picks a free port. */
  webPort?: number;
  /** BullMQ key prefix (default `spillover`). */
  queuePrefix?: string;
  services?: StackService[];
  /** Extra environment for every child. */
  env?: Record<string, string>;
  /** Where prefixed log lines go (default stdout); false silences them. */
  log?: ((line: string) => void) | false;
}

export interface Stack {
  mode: 'full' | 'embedded';
  /** Embedded mode's data folder; null in full mode. */
  dataDir: string | null;
  apiUrl: string;
  webUrl: string;
  databaseUrl: string;
  redisUrl: string;
  /** SIGTERM to every child, SIGKILL after 10 s. */
  stop(): Promise<void>;
  /** Settles when a child ends on its own (not through stop). */
  exited: Promise<{ service: StackService; code: number | null; signal: string | null }>;
}

export const repoRoot: string;
export const defaultDatabaseUrl: string;
export const defaultRedisUrl: string;
export const defaultDataDir: string;
export function startStack(options?: StartStackOptions): Promise<Stack>;
export function databaseUrlFor(baseUrl: string, databaseName: string): string;
export function prepareDatabase(
  baseUrl: string,
  databaseName: string,
  options?: { fresh?: boolean },
): Promise<void>;
export function dropDatabase(baseUrl: string, databaseName: string): Promise<void>;
export function freePort(): Promise<number>;
