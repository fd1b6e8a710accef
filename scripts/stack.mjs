// Starts the built apps as child processes: in full mode api, worker and web against PostgreSQL and Redis;
// in embedded mode api (with the worker inside, on a PGlite folder) and web, with no servers.
// Used by `node scripts/start.mjs` and by integration/e2e tests. Dependency-free except `pg`.
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { createServer } from 'node:net';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const repoRoot = join(dirname(fileURLToPath(import.meta.url)), '..');
const { Client } = createRequire(join(repoRoot, 'package.json'))('pg');

export const defaultDatabaseUrl = 'postgres://postgres@127.0.0.1:5432/spillover';
export const defaultRedisUrl = 'redis://127.0.0.1:6379';
/** Embedded mode's data folder unless SPILLOVER_DATA_DIR says otherwise (gitignored). */
export const defaultDataDir = join(repoRoot, '.spillover/data');

const stopGraceMs = 10_000;
const readyTimeoutMs = 90_000;

/** The URL of `databaseName` on the server of `baseUrl` (host, port, user and password are kept). */
export function databaseUrlFor(baseUrl, databaseName) {
  const url = new URL(baseUrl);
  url.pathname = `/${databaseName}`;
  return url.toString();
}

function quoteIdentifier(name) {
  return `"${name.replaceAll('"', '""')}"`;
}

/** Creates `databaseName` if it is missing; with `fresh`, drops it first (closing its connections). */
export async function prepareDatabase(baseUrl, databaseName, { fresh = false } = {}) {
  const admin = new Client({
    connectionString: databaseUrlFor(baseUrl, 'postgres'),
    connectionTimeoutMillis: 5000,
  });
  await admin.connect();
  try {
    if (fresh) await admin.query(`DROP DATABASE IF EXISTS ${quoteIdentifier(databaseName)} WITH (FORCE)`);
    const { rowCount } = await admin.query('SELECT 1 FROM pg_database WHERE datname = $1', [databaseName]);
    if (rowCount === 0) await admin.query(`CREATE DATABASE ${quoteIdentifier(databaseName)}`);
  } finally {
    await admin.end();
  }
}

export async function dropDatabase(baseUrl, databaseName) {
  const admin = new Client({
    connectionString: databaseUrlFor(baseUrl, 'postgres'),
    connectionTimeoutMillis: 5000,
  });
  await admin.connect();
  try {
    await admin.query(`DROP DATABASE IF EXISTS ${quoteIdentifier(databaseName)} WITH (FORCE)`);
  } finally {
    await admin.end();
  }
}

/** A TCP port nobody listens on right now. */
export function freePort() {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/** How each service is started: the built entry point, run with this Node binary. */
function commandOf(service, ports) {
  switch (service) {
    case 'api':
      return { args: [join(repoRoot, 'apps/api/dist/main.js')], cwd: join(repoRoot, 'apps/api') };
    case 'worker':
      return { args: [join(repoRoot, 'apps/worker/dist/main.js')], cwd: join(repoRoot, 'apps/worker') };
    case 'web': {
      const nextBin = createRequire(join(repoRoot, 'apps/web/package.json')).resolve('next/dist/bin/next');
      return {
        args: [nextBin, 'start', '--port', String(ports.webPort), '--hostname', '127.0.0.1'],
        cwd: join(repoRoot, 'apps/web'),
      };
    }
    default:
      throw new Error(`startStack: unknown service "${service}" (api, worker or web)`);
  }
}

function builtEntryMissing(service) {
  const entry = {
    api: 'apps/api/dist/main.js',
    worker: 'apps/worker/dist/main.js',
    web: 'apps/web/.next/BUILD_ID',
  }[service];
  return entry && !existsSync(join(repoRoot, entry)) ? entry : null;
}

/** Calls `onLine` for every complete line of a stream. */
function forEachLine(stream, onLine) {
  let buffered = '';
  stream.setEncoding('utf8');
  stream.on('data', (chunk) => {
    buffered += chunk;
    let newline;
    while ((newline = buffered.indexOf('\n')) >= 0) {
      onLine(buffered.slice(0, newline).replace(/\r$/, ''));
      buffered = buffered.slice(newline + 1);
    }
  });
  stream.on('end', () => {
    if (buffered) onLine(buffered);
  });
}

async function waitForHttp(url, isReady, child, name) {
  const deadline = Date.now() + readyTimeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null || child.signalCode !== null) {
      throw new Error(`${name} exited (${child.exitCode ?? child.signalCode}) before it answered ${url}`);
    }
    try {
      const response = await fetch(url, { signal: AbortSignal.timeout(2000), redirect: 'manual' });
      if (isReady(response.status)) return;
    } catch {
      // not listening yet
    }
    await sleep(250);
  }
  throw new Error(`${name} did not answer ${url} within ${readyTimeoutMs / 1000} s`);
}

/** The worker logs `worker ready` once its queue consumer runs. */
async function waitForLine(child, name, pattern, lines) {
  const deadline = Date.now() + readyTimeoutMs;
  while (Date.now() < deadline) {
    if (lines.some((line) => pattern.test(line))) return;
    if (child.exitCode !== null || child.signalCode !== null) {
      throw new Error(`${name} exited (${child.exitCode ?? child.signalCode}) before it was ready`);
    }
    await sleep(100);
  }
  throw new Error(`${name} was not ready within ${readyTimeoutMs / 1000} s`);
}

function exited(child) {
  return child.exitCode !== null || child.signalCode !== null;
}

/** SIGTERM, then SIGKILL after the grace period. */
async function stopChild(child) {
  if (exited(child)) return;
  const done = new Promise((resolve) => child.once('exit', resolve));
  child.kill('SIGTERM');
  const timer = setTimeout(() => {
    if (!exited(child)) child.kill('SIGKILL');
  }, stopGraceMs);
  await done;
  clearTimeout(timer);
}

const liveStacks = new Set();
let parentHooksInstalled = false;

/** Children never outlive this process: killed on exit, stopped on a fatal signal. */
function installParentHooks() {
  if (parentHooksInstalled) return;
  parentHooksInstalled = true;
  process.on('exit', () => {
    for (const stack of liveStacks)
      for (const child of stack.children) if (!exited(child)) child.kill('SIGKILL');
  });
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) {
    const onSignal = async () => {
      await Promise.all([...liveStacks].map((stack) => stack.stop()));
      // Only end the process if nobody else handles the signal (start.mjs does).
      if (process.listenerCount(signal) === 1)
        process.exit(128 + (signal === 'SIGINT' ? 2 : signal === 'SIGTERM' ? 15 : 1));
    };
    process.on(signal, onSignal);
  }
}

/**
 * Starts the built apps as child processes and waits until they are ready.
 * @param {object} options
 * @param {'full'|'embedded'} [options.mode] full (default): PostgreSQL, Redis, worker processes; embedded: PGlite
 *   in `dataDir` and the worker inside the api process (the `worker` service is not started)
 * @param {string} [options.dataDir] embedded mode's data folder (default SPILLOVER_DATA_DIR, else .spillover/data)
 * @param {string} [options.databaseName] database on the local PostgreSQL (default: the one in DATABASE_URL, else `spillover`)
 * @param {boolean} [options.fresh] drop and recreate the database first
 * @param {number} [options.apiPort] default 4000; 0 picks a free port
 * @param {number} [options.webPort] default 3000; 0 picks a free port
 * @param {string} [options.queuePrefix] BullMQ key prefix (default `spillover`)
 * @param {('api'|'worker'|'web')[]} [options.services]
 * @param {Record<string,string>} [options.env] extra environment for every child
 * @param {((line: string) => void) | false} [options.log] where prefixed log lines go (default stdout); false silences
 * @returns {Promise<{ mode: 'full'|'embedded', dataDir: string|null, apiUrl: string, webUrl: string,
 *   databaseUrl: string, redisUrl: string, stop(): Promise<void>,
 *   exited: Promise<{ service: string, code: number | null, signal: string | null }> }>} `exited` settles when a
 *   child ends on its own (not through stop)
 */
export async function startStack({
  mode = 'full',
  dataDir = resolve(repoRoot, process.env.SPILLOVER_DATA_DIR ?? defaultDataDir),
  databaseName,
  fresh = false,
  apiPort = 4000,
  webPort = 3000,
  queuePrefix = 'spillover',
  services = ['api', 'worker', 'web'],
  env = {},
  log = (line) => process.stdout.write(`${line}\n`),
} = {}) {
  const baseDatabaseUrl = env.DATABASE_URL ?? process.env.DATABASE_URL ?? defaultDatabaseUrl;
  const name = databaseName ?? (new URL(baseDatabaseUrl).pathname.slice(1) || 'spillover');
  const databaseUrl = databaseUrlFor(baseDatabaseUrl, name);
  const redisUrl = env.REDIS_URL ?? process.env.REDIS_URL ?? defaultRedisUrl;
  const ports = {
    apiPort: apiPort === 0 ? await freePort() : apiPort,
    webPort: webPort === 0 ? await freePort() : webPort,
  };
  const apiUrl = `http://127.0.0.1:${ports.apiPort}`;
  const webUrl = `http://127.0.0.1:${ports.webPort}`;
  const write = log === false ? () => {} : log;
  const embedded = mode === 'embedded';
  // embedded: the api hosts the worker (PGlite is one process), so no worker process
  const started = embedded ? services.filter((service) => service !== 'worker') : services;

  for (const service of started) {
    const missing = builtEntryMissing(service);
    if (missing) throw new Error(`startStack: ${missing} is missing; run \`npm run build\` first`);
  }

  if (!embedded) await prepareDatabase(baseDatabaseUrl, name, { fresh });

  const childEnv = {
    ...process.env,
    DATABASE_URL: databaseUrl,
    REDIS_URL: redisUrl,
    QUEUE_PREFIX: queuePrefix,
    API_PORT: String(ports.apiPort),
    WEB_PORT: String(ports.webPort),
    API_URL: apiUrl,
    SPILLOVER_MODE: mode,
    ...(embedded ? { SPILLOVER_DATA_DIR: dataDir } : {}),
    ...env,
  };
  // The database must be migrated before a worker (which does not migrate) touches it; in embedded mode
  // the api migrates its own folder.
  const migrateEntry = join(repoRoot, 'packages/db/dist/migrate.js');
  if (!embedded && existsSync(migrateEntry)) await runOnce('migrate', [migrateEntry], childEnv, write);

  const stack = { children: [], stopping: null, stop: null };
  let reportExit;
  const exitedEarly = new Promise((resolve) => (reportExit = resolve));
  stack.stop = () => {
    stack.stopping ??= Promise.all(stack.children.map(stopChild)).then(() => {
      liveStacks.delete(stack);
    });
    return stack.stopping;
  };
  liveStacks.add(stack);
  installParentHooks();

  try {
    const readiness = started.map((service) => {
      const { args, cwd } = commandOf(service, ports);
      const child = spawn(process.execPath, args, {
        cwd,
        env: { ...childEnv, ...(service === 'web' ? { PORT: String(ports.webPort) } : {}) },
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      stack.children.push(child);
      const recent = [];
      const onLine = (line) => {
        recent.push(line);
        if (recent.length > 200) recent.shift();
        write(`[${service}] ${line}`);
      };
      forEachLine(child.stdout, onLine);
      forEachLine(child.stderr, onLine);
      child.on('exit', (code, signal) => {
        if (stack.stopping) return;
        write(`[${service}] exited (${code ?? signal})`);
        reportExit({ service, code, signal });
      });
      switch (service) {
        case 'api':
          return waitForHttp(`${apiUrl}/health`, (status) => status === 200, child, 'api');
        case 'web':
          return waitForHttp(webUrl, (status) => status < 500, child, 'web');
        default:
          return waitForLine(child, 'worker', /worker ready/, recent);
      }
    });
    await Promise.all(readiness);
  } catch (error) {
    await stack.stop();
    throw error;
  }

  return {
    mode,
    dataDir: embedded ? dataDir : null,
    apiUrl,
    webUrl,
    databaseUrl,
    redisUrl,
    stop: stack.stop,
    exited: exitedEarly,
  };
}

/** Runs a short command to completion with prefixed logs; rejects on a non-zero exit. */
function runOnce(name, args, env, write) {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, args, { cwd: repoRoot, env, stdio: ['ignore', 'pipe', 'pipe'] });
    forEachLine(child.stdout, (line) => write(`[${name}] ${line}`));
    forEachLine(child.stderr, (line) => write(`[${name}] ${line}`));
    child.on('error', reject);
    child.on('exit', (code) =>
      code === 0 ? resolve() : reject(new Error(`${name} exited with code ${code}`)),
    );
  });
}
