import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { once } from 'node:events';
import { createServer } from 'node:net';
import { fileURLToPath } from 'node:url';
import { setTimeout as sleep } from 'node:timers/promises';
import type { TestProject } from 'vitest/node';
import { adminDatabaseUrl, databaseUrl, deleteRedisPrefix, query, redisUrl } from './services.js';

declare module 'vitest' {
  export interface ProvidedContext {
    apiUrl: string;
    databaseUrl: string;
    queuePrefix: string;
    uploadMaxBytes: number;
  }
}

export const apiRoot = fileURLToPath(new URL('..', import.meta.url));
/** Signing up with this email makes a platform administrator (ADMIN_EMAILS). */
export const adminEmail = 'root-admin@example.org';
/** Small enough to test the 413 quickly; the Produc panel (99 kB) fits. */
const uploadMaxBytes = 200_000;

export async function freePort(): Promise<number> {
  const server = createServer().listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address() as { port: number };
  server.close();
  return port;
}

async function waitForHealth(url: string, api: ChildProcess, logs: () => string): Promise<void> {
  const deadline = Date.now() + 30_000;
  while (Date.now() < deadline) {
    if (api.exitCode !== null) throw new Error(`the API exited with code ${api.exitCode}:\n${logs()}`);
    const ok = await fetch(`${url}/health`).then(
      (r) => r.ok,
      () => false,
    );
    if (ok) return;
    await sleep(200);
  }
  throw new Error(`the API did not become healthy in 30 s:\n${logs()}`);
}

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const id = randomBytes(4).toString('hex');
  const databaseName = `spillover_api_${id}`;
  const queuePrefix = `spillover_api_test_${id}`;
  await query(adminDatabaseUrl, `CREATE DATABASE "${databaseName}"`);

  const port = await freePort();
  const apiUrl = `http://127.0.0.1:${port}`;
  let output = '';
  const api = spawn(process.execPath, ['dist/main.js'], {
    cwd: apiRoot,
    env: {
      ...process.env,
      DATABASE_URL: databaseUrl(databaseName),
      REDIS_URL: redisUrl,
      QUEUE_PREFIX: queuePrefix,
      API_PORT: String(port),
      UPLOAD_MAX_BYTES: String(uploadMaxBytes),
      ADMIN_EMAILS: adminEmail,
      LOG_LEVEL: 'warn',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  api.stdout!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  api.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));

  const teardown = async () => {
    if (api.exitCode === null) {
      api.kill('SIGTERM');
      await Promise.race([once(api, 'exit'), sleep(10_000).then(() => api.kill('SIGKILL'))]);
    }
    await deleteRedisPrefix(queuePrefix);
    await query(adminDatabaseUrl, `DROP DATABASE IF EXISTS "${databaseName}" WITH (FORCE)`);
    if (process.env.API_TEST_LOGS) console.log(output);
  };
  try {
    await waitForHealth(apiUrl, api, () => output);
  } catch (error) {
    await teardown();
    throw error;
  }
  project.provide('apiUrl', apiUrl);
  project.provide('databaseUrl', databaseUrl(databaseName));
  project.provide('queuePrefix', queuePrefix);
  project.provide('uploadMaxBytes', uploadMaxBytes);
  return teardown;
}
