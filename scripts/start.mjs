// `node scripts/start.mjs` (after `npm run build`): full mode when PostgreSQL and Redis answer (creates the
// database if missing, starts api + worker + web); embedded mode when neither DATABASE_URL nor REDIS_URL is
// set and the local servers do not answer (api with the worker inside, on a PGlite folder, + web).
// SPILLOVER_MODE=full|embedded forces a mode. Stays in the foreground until Ctrl-C or SIGTERM.
import { createRequire } from 'node:module';
import { connect } from 'node:net';
import { join, relative, resolve } from 'node:path';
import {
  databaseUrlFor,
  defaultDataDir,
  defaultDatabaseUrl,
  defaultRedisUrl,
  repoRoot,
  startStack,
} from './stack.mjs';

const { Client } = createRequire(join(repoRoot, 'package.json'))('pg');

const databaseUrl = process.env.DATABASE_URL || defaultDatabaseUrl;
const redisUrl = process.env.REDIS_URL || defaultRedisUrl;
const requestedMode = process.env.SPILLOVER_MODE || 'auto';
const dataDir = resolve(repoRoot, process.env.SPILLOVER_DATA_DIR || defaultDataDir);
const fullStackHelp = `  docker compose up -d postgres redis        # with Docker
  bash scripts/ensure-services.sh            # local Debian/Ubuntu services (pg_ctlcluster, redis-server)
or point DATABASE_URL / REDIS_URL at running servers.`;

if (!['auto', 'full', 'embedded'].includes(requestedMode)) {
  console.error(
    `SPILLOVER_MODE must be full or embedded (or unset to choose by what answers), not "${requestedMode}"`,
  );
  process.exit(1);
}

function redact(url) {
  const parsed = new URL(url);
  if (parsed.password) parsed.password = '***';
  return parsed.toString();
}

async function checkPostgres() {
  const client = new Client({
    connectionString: databaseUrlFor(databaseUrl, 'postgres'),
    connectionTimeoutMillis: 3000,
  });
  try {
    await client.connect();
    await client.query('SELECT 1');
    return null;
  } catch (error) {
    return error instanceof Error ? error.message || error.name : String(error);
  } finally {
    await client.end().catch(() => {});
  }
}

/** Sends PING over the Redis protocol and expects +PONG (or an auth error, which still proves it runs). */
function checkRedis() {
  const { hostname, port } = new URL(redisUrl);
  return new Promise((resolve) => {
    const socket = connect({ host: hostname || '127.0.0.1', port: Number(port) || 6379 });
    const finish = (problem) => {
      socket.destroy();
      resolve(problem);
    };
    socket.setTimeout(3000, () => finish('no answer within 3 s'));
    socket.on('error', (error) => finish(error.message || error.code));
    socket.on('connect', () => socket.write('PING\r\n'));
    socket.on('data', (data) => {
      const reply = data.toString();
      finish(
        reply.startsWith('+PONG') || reply.startsWith('-NOAUTH') ? null : `unexpected reply ${reply.trim()}`,
      );
    });
  });
}

/** full when the servers answer; embedded when they do not and nobody asked for them; else null (an error). */
async function chooseMode() {
  if (requestedMode === 'embedded') return { mode: 'embedded', why: 'SPILLOVER_MODE=embedded' };
  const [postgresProblem, redisProblem] = await Promise.all([checkPostgres(), checkRedis()]);
  if (!postgresProblem && !redisProblem) return { mode: 'full' };
  const problems = [
    postgresProblem && `PostgreSQL is not reachable at ${redact(databaseUrl)}: ${postgresProblem}`,
    redisProblem && `Redis is not reachable at ${redact(redisUrl)}: ${redisProblem}`,
  ].filter(Boolean);
  const asked = requestedMode === 'full' || process.env.DATABASE_URL || process.env.REDIS_URL;
  if (!asked) return { mode: 'embedded', why: problems.join('; ') };
  for (const problem of problems) console.error(problem);
  console.error(
    `\nStart them, then run this again:\n${fullStackHelp}\nOr unset DATABASE_URL, REDIS_URL and SPILLOVER_MODE (or set SPILLOVER_MODE=embedded) to run without servers.`,
  );
  return null;
}

const choice = await chooseMode();
if (!choice) process.exit(1);

let stack;
try {
  stack = await startStack({
    mode: choice.mode,
    dataDir,
    apiPort: Number(process.env.API_PORT ?? 4000),
    webPort: Number(process.env.WEB_PORT ?? 3000),
    queuePrefix: process.env.QUEUE_PREFIX ?? 'spillover',
  });
} catch (error) {
  console.error(`start: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
}

console.log(choice.mode === 'embedded' ? embeddedBanner() : fullBanner());

function fullBanner() {
  return `
Spillover is running (full mode: PostgreSQL, Redis, worker process).
  portal: ${stack.webUrl}
  api:    ${stack.apiUrl}
  data:   PostgreSQL at ${redact(stack.databaseUrl)}; jobs on Redis at ${redact(stack.redisUrl)}
Press Ctrl-C to stop.
`;
}

function embeddedBanner() {
  const shown = relative(process.cwd(), dataDir).startsWith('..')
    ? dataDir
    : `./${relative(process.cwd(), dataDir)}`;
  return `
Spillover is running in EMBEDDED mode (no PostgreSQL or Redis server).
  why:    ${choice.why}
  portal: ${stack.webUrl}
  api:    ${stack.apiUrl}
  data:   ${shown} (PGlite; kept between restarts; SPILLOVER_DATA_DIR moves it, deleting it starts afresh)
  jobs:   run inside the api process (WORKER_CONCURRENCY at a time per queue); no worker process, no bull-board
For the full stack (PostgreSQL + Redis + worker processes) start the servers, then run npm start again:
${fullStackHelp}
Press Ctrl-C to stop.
`;
}

let stopping = false;
for (const signal of ['SIGINT', 'SIGTERM']) {
  process.on(signal, async () => {
    if (stopping) return;
    stopping = true;
    console.log(`\n${signal}: stopping…`);
    await stack.stop();
    process.exit(0);
  });
}

const { service, code, signal } = await stack.exited;
if (!stopping) {
  console.error(`${service} stopped unexpectedly (${code ?? signal}); stopping the rest`);
  await stack.stop();
  process.exit(1);
}
