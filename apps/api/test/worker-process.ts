import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { inject } from 'vitest';
import { repoRoot } from './fixtures.js';
import type { ApiClient } from './http-client.js';
import { redisUrl } from './services.js';

/** The compiled worker on the API's database and queue prefix, for tests that need analyses to run. */
export class WorkerProcess {
  private child: ChildProcess | undefined;

  /** The process id, which the worker puts in its name (host:pid). */
  get pid(): number | undefined {
    return this.child?.pid;
  }
  log = '';

  async start(): Promise<void> {
    this.child = spawn(process.execPath, [path.join(repoRoot, 'apps/worker/dist/main.js')], {
      env: {
        ...process.env,
        DATABASE_URL: inject('databaseUrl'),
        REDIS_URL: redisUrl,
        QUEUE_PREFIX: inject('queuePrefix'),
        WORKER_CONCURRENCY: '2',
        LOG_LEVEL: 'info',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    this.child.stdout!.on('data', (chunk: Buffer) => (this.log += chunk.toString()));
    this.child.stderr!.on('data', (chunk: Buffer) => (this.log += chunk.toString()));
    const deadline = Date.now() + 20_000;
    while (!this.log.includes('worker ready')) {
      if (this.child.exitCode !== null)
        throw new Error(`the worker exited with code ${this.child.exitCode}:\n${this.log}`);
      if (Date.now() > deadline) throw new Error(`the worker did not start in 20 s:\n${this.log}`);
      await sleep(100);
    }
  }

  async stop(): Promise<void> {
    const child = this.child;
    if (child && child.exitCode === null) {
      child.kill('SIGTERM');
      await Promise.race([once(child, 'exit'), sleep(10_000).then(() => child.kill('SIGKILL'))]);
    }
    if (process.env.API_TEST_LOGS) console.log(this.log);
  }

  /** Polls an analysis until it is succeeded or failed. */
  async settled(client: ApiClient, id: string, timeoutMs = 60_000): Promise<any> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const { body } = await client.get(`/analyses/${id}`);
      if (body.status === 'succeeded' || body.status === 'failed') return body;
      if (Date.now() > deadline) throw new Error(`analysis ${id} still ${body.status}:\n${this.log}`);
      await sleep(150);
    }
  }
}
