// `node scripts/start.mjs` (after `npm run build`): checks PostgreSQL and Redis, creates the database if
// missing, starts api + worker + web and stays in the foreground until Ctrl-C or SIGTERM.
import { createRequire } from 'node:module';
import { connect } from 'node:net';
import { join } from 'node:path';
import { databaseUrlFor, defaultDatabaseUrl, defaultRedisUrl, repoRoot, startStack } from './stack.mjs';

const { Client } = createRequire(join(repoRoot, 'package.json'))('pg');

const databaseUrl = process.env.DATABASE_URL ?? defaultDatabaseUrl;
const redisUrl = process.env.REDIS_URL ?? defaultRedisUrl;

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

const [postgresProblem, redisProblem] = await Promise.all([checkPostgres(), checkRedis()]);
if (postgresProblem || redisProblem) {
  if (postgresProblem)
    console.error(`PostgreSQL is not reachable at ${redact(databaseUrl)}: ${postgresProblem}`);
  if (redisProblem) console.error(`Redis is not reachable at ${redact(redisUrl)}: ${redisProblem}`);
  console.error(`
Start them, then run this again:
  docker compose up -d postgres redis        # with Docker
  bash scripts/ensure-services.sh            # local Debian/Ubuntu services (pg_ctlcluster, redis-server)
or point DATABASE_URL / REDIS_URL at running servers.`);
  process.exit(1);
}

let stack;
try {
  stack = await startStack({
    apiPort: Number(process.env.API_PORT ?? 4000),
    webPort: Number(process.env.WEB_PORT ?? 3000),
    queuePrefix: process.env.QUEUE_PREFIX ?? 'spillover',
  });
} catch (error) {
  console.error(`start: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
}

console.log(
  `\nSpillover is running.\n  portal: ${stack.webUrl}\n  api:    ${stack.apiUrl}\nPress Ctrl-C to stop.\n`,
);

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
