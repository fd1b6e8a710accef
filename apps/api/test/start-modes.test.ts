import { execFileSync, spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, describe, expect, it } from 'vitest';
import { repoRoot } from './fixtures.js';

/**
 * How `npm start` (scripts/start.mjs) chooses its mode. The automatic fallback is tested for real: the
 * script runs in a fresh network namespace (`unshare -n`, root only), where nothing answers on
 * 127.0.0.1:5432 or :6379, exactly like a laptop without PostgreSQL and Redis.
 */

const canUnshare = spawnSync('unshare', ['-n', 'true']).status === 0;
if (!canUnshare) console.warn('start-modes: `unshare -n` is not permitted here (needs root); test skipped');

/** The environment of a user who configured nothing. */
function unconfiguredEnv(extra: Record<string, string>): NodeJS.ProcessEnv {
  const env = { ...process.env, ...extra };
  for (const name of ['DATABASE_URL', 'REDIS_URL', 'SPILLOVER_MODE', 'QUEUE_PREFIX']) delete env[name];
  return env;
}

/** Collects a child's output and resolves when `pattern` appears (or rejects when the child exits). */
function waitForOutput(child: ChildProcess, output: () => string, pattern: RegExp, ms: number) {
  return new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no ${pattern} in ${ms} ms:\n${output()}`)), ms);
    const check = () => {
      if (pattern.test(output())) {
        clearTimeout(timer);
        resolve();
      }
    };
    child.stdout!.on('data', check);
    child.stderr!.on('data', check);
    child.on('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`start.mjs exited with ${code} before ${pattern}:\n${output()}`));
    });
  });
}

/** GETs `url` from inside the network namespace of process `pid`. */
function fetchInNamespace(pid: number, url: string): { status: number; body: string } {
  const script = `fetch(${JSON.stringify(url)}).then(async (r) => console.log(JSON.stringify({ status: r.status, body: await r.text() })))`;
  const out = execFileSync('nsenter', ['-t', String(pid), '-n', '--', process.execPath, '-e', script], {
    encoding: 'utf8',
  });
  return JSON.parse(out) as { status: number; body: string };
}

describe('npm start: choosing the mode', () => {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'spillover-start-'));
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  it.skipIf(!canUnshare)(
    'falls back to embedded mode, says so, and serves api and portal when no server answers',
    async () => {
      let output = '';
      // exec keeps the pid: nsenter joins the namespace of the start script itself
      const child = spawn(
        'unshare',
        ['-n', '--', 'bash', '-c', 'ip link set lo up && exec node scripts/start.mjs'],
        {
          cwd: repoRoot,
          env: unconfiguredEnv({ SPILLOVER_DATA_DIR: dataDir, API_PORT: '4000', WEB_PORT: '3000' }),
          stdio: ['ignore', 'pipe', 'pipe'],
        },
      );
      child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
      child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
      try {
        await waitForOutput(child, () => output, /Press Ctrl-C to stop/, 120_000);
        expect(output).toContain('Spillover is running in EMBEDDED mode (no PostgreSQL or Redis server).');
        expect(output).toMatch(/why: +PostgreSQL is not reachable at .*; Redis is not reachable at /);
        expect(output).toContain(`data:   ${dataDir} (PGlite; kept between restarts`);

        const health = fetchInNamespace(child.pid!, 'http://127.0.0.1:4000/health');
        expect(health.status).toBe(200);
        expect(JSON.parse(health.body)).toMatchObject({ ok: true, mode: 'embedded' });
        // the portal is up and proxies to the api
        const proxied = fetchInNamespace(child.pid!, 'http://127.0.0.1:3000/api/health');
        expect(JSON.parse(proxied.body)).toMatchObject({ ok: true, mode: 'embedded' });
        expect(fetchInNamespace(child.pid!, 'http://127.0.0.1:3000/login').status).toBe(200);
      } finally {
        child.kill('SIGTERM');
        const deadline = Date.now() + 30_000;
        while (child.exitCode === null && child.signalCode === null && Date.now() < deadline)
          await sleep(100);
      }
      expect(child.exitCode).toBe(0);
    },
    180_000,
  );

  it('stops with a clear message instead of falling back when DATABASE_URL is set but unreachable', () => {
    const result = spawnSync(process.execPath, ['scripts/start.mjs'], {
      cwd: repoRoot,
      env: {
        ...unconfiguredEnv({ SPILLOVER_DATA_DIR: dataDir }),
        DATABASE_URL: 'postgres://postgres:secret@127.0.0.1:1/spillover',
      },
      encoding: 'utf8',
      timeout: 60_000,
    });
    expect(result.status).toBe(1);
    expect(result.stderr).toContain('PostgreSQL is not reachable at postgres://postgres:***@127.0.0.1:1/');
    expect(result.stderr).toContain('unset DATABASE_URL, REDIS_URL and SPILLOVER_MODE');
    expect(result.stdout).not.toContain('EMBEDDED');
  });
});
