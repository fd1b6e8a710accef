import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiRoot, freePort } from './global-setup.js';
import { ApiClient } from './http-client.js';
import { producCsv, repoRoot } from './fixtures.js';

/**
 * Embedded mode end to end: the built API with SPILLOVER_MODE=embedded on a temporary PGlite folder (no
 * PostgreSQL, no Redis, no worker process), driven over HTTP and SSE like the portal, then restarted on
 * the same folder. Results are compared with the CLI, which runs the same numerics in process.
 */

const mechanismsCsv = readFileSync(path.resolve(repoRoot, '../shared/fixtures/mechanisms/panel.csv'), 'utf8');
const feSpec = {
  kind: 'regression',
  unit: 'state',
  time: 'year',
  y: 'lgsp',
  x: ['lpcap', 'lpc', 'lemp', 'unemp'],
  model: 'fe',
  effects: 'twoways',
};
const mediationSpec = (reps: number) => ({
  kind: 'mediation',
  unit: 'unit',
  time: 'time',
  y: 'res',
  treatment: 'dig',
  mediators: ['innov'],
  x: ['ctrl1'],
  model: 'fe',
  effects: 'twoways',
  bootstrap: { reps, seed: 7 },
});

/** The built API in embedded mode on `dataDir`. */
class EmbeddedApi {
  private child: ChildProcess | undefined;
  log = '';
  constructor(
    private readonly dataDir: string,
    readonly url: string,
  ) {}

  async start(): Promise<void> {
    this.child = spawn(process.execPath, ['dist/main.js'], {
      cwd: apiRoot,
      env: {
        ...process.env,
        SPILLOVER_MODE: 'embedded',
        SPILLOVER_DATA_DIR: this.dataDir,
        // nothing may be read from these in embedded mode
        DATABASE_URL: 'postgres://nobody@127.0.0.1:1/none',
        REDIS_URL: 'redis://127.0.0.1:1',
        API_PORT: new URL(this.url).port,
        WORKER_CONCURRENCY: '2',
        BOOTSTRAP_CHUNK_SIZE: '50',
        // after a restart the sweeper re-adds lost jobs from the tables: quickly, for the test
        REQUEUE_INTERVAL_MS: '1000',
        REQUEUE_QUEUED_AGE_MS: '1000',
        LOG_LEVEL: 'log',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    this.child.stdout!.on('data', (chunk: Buffer) => (this.log += chunk.toString()));
    this.child.stderr!.on('data', (chunk: Buffer) => (this.log += chunk.toString()));
    const deadline = Date.now() + 60_000;
    for (;;) {
      if (this.child.exitCode !== null)
        throw new Error(`the API exited (${this.child.exitCode}):\n${this.log}`);
      const health = await fetch(`${this.url}/health`).then(
        async (r) => (r.ok ? r.json() : null),
        () => null,
      );
      if (health) {
        expect(health).toEqual({ ok: true, mode: 'embedded' });
        return;
      }
      if (Date.now() > deadline) throw new Error(`the API did not start in 60 s:\n${this.log}`);
      await sleep(250);
    }
  }

  async stop(): Promise<void> {
    const child = this.child;
    if (child && child.exitCode === null) {
      child.kill('SIGTERM');
      await Promise.race([once(child, 'exit'), sleep(20_000).then(() => child.kill('SIGKILL'))]);
    }
    if (process.env.API_TEST_LOGS) console.log(this.log);
  }
}

/** Reads an analysis's SSE stream to its end (a terminal status). */
async function analysisEvents(client: ApiClient, id: string): Promise<{ event: string; data: any }[]> {
  const response = await fetch(`${client.baseUrl}/analyses/${id}/events`, {
    headers: { cookie: client.cookie! },
  });
  expect(response.headers.get('content-type')).toContain('text/event-stream');
  const text = await response.text();
  return text
    .split('\n\n')
    .filter((block) => block.startsWith('event: '))
    .map((block) => {
      const [eventLine, dataLine] = block.split('\n');
      return {
        event: eventLine!.slice('event: '.length),
        data: JSON.parse(dataLine!.slice('data: '.length)),
      };
    });
}

/** `spillover fit` on a spec whose data is `csv`: the CLI's result. */
function cliResult(spec: object, csv: string, dir: string): unknown {
  writeFileSync(path.join(dir, 'panel.csv'), csv);
  writeFileSync(path.join(dir, 'spec.json'), JSON.stringify({ ...spec, data: 'panel.csv' }));
  const out = execFileSync(
    process.execPath,
    [path.join(repoRoot, 'packages/cli/bin/spillover.js'), 'fit', 'spec.json'],
    {
      cwd: dir,
      encoding: 'utf8',
      maxBuffer: 64 * 1024 * 1024,
    },
  );
  return JSON.parse(out);
}

describe('embedded mode (PGlite, jobs in the API process)', () => {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'spillover-embedded-'));
  const cliDir = mkdtempSync(path.join(tmpdir(), 'spillover-embedded-cli-'));
  let api: EmbeddedApi;
  let client: ApiClient;
  let teamId: string;
  const ids: Record<string, string> = {};

  beforeAll(async () => {
    api = new EmbeddedApi(dataDir, `http://127.0.0.1:${await freePort()}`);
    await api.start();
    client = new ApiClient(api.url);
  }, 90_000);
  afterAll(async () => {
    await api?.stop();
    rmSync(dataDir, { recursive: true, force: true });
    rmSync(cliDir, { recursive: true, force: true });
  }, 60_000);

  it('signs up and stores uploaded datasets', async () => {
    const signup = await client.post('/auth/signup', {
      email: 'embedded@example.org',
      password: 'a long password',
      name: 'Embedded',
    });
    expect(signup.status).toBe(201);
    teamId = signup.body.teams[0].id;
    for (const [name, csv, unit, time] of [
      ['produc', producCsv, 'state', 'year'],
      ['mechanisms', mechanismsCsv, 'unit', 'time'],
    ] as const) {
      const upload = await client.uploadCsv({ teamId, name, unit, time }, csv);
      expect(upload.status).toBe(201);
      ids[name] = upload.body.id;
    }
  });

  it('runs a two-way FE regression in process, with live events, to the CLI’s result', async () => {
    const created = await client.post('/analyses', { datasetId: ids.produc, spec: feSpec });
    expect(created.status).toBe(202);
    ids.fe = created.body.id;
    const events = await analysisEvents(client, ids.fe!);
    expect(events.at(-1)).toMatchObject({ event: 'status', data: { status: 'succeeded' } });
    const { body } = await client.get(`/analyses/${ids.fe}`);
    expect(body.result).toEqual(cliResult(feSpec, producCsv, cliDir));
  }, 120_000);

  it('runs a mediation bootstrap as an in-process flow, with replication progress, to the CLI’s result', async () => {
    const spec = mediationSpec(200);
    const created = await client.post('/analyses', { datasetId: ids.mechanisms, spec });
    ids.mediation = created.body.id;
    const events = await analysisEvents(client, ids.mediation!);
    expect(events.at(-1)).toMatchObject({ event: 'status', data: { status: 'succeeded' } });
    const stages = new Set(events.filter((e) => e.event === 'progress').map((e) => e.data.stage));
    expect(stages.has('replications') || stages.has('combining')).toBe(true);
    const { body } = await client.get(`/analyses/${ids.mediation}`);
    expect(body.result).toEqual(cliResult(spec, mechanismsCsv, cliDir));

    const overview = await client.get('/admin/overview');
    // not an administrator: the admin API exists and refuses
    expect(overview.status).toBe(403);
  }, 180_000);

  it('cancels a long bootstrap while it runs; it stays cancelled', async () => {
    const created = await client.post('/analyses', {
      datasetId: ids.mechanisms,
      spec: mediationSpec(20_000),
    });
    const id = created.body.id as string;
    const deadline = Date.now() + 60_000;
    while ((await client.get(`/analyses/${id}`)).body.status !== 'running') {
      if (Date.now() > deadline) throw new Error(`analysis ${id} never started:\n${api.log}`);
      await sleep(200);
    }
    const cancelled = await client.post(`/analyses/${id}/cancel`, {});
    expect(cancelled.body).toMatchObject({ id, status: 'cancelled' });
    await sleep(3000);
    const { body } = await client.get(`/analyses/${id}`);
    expect([body.status, body.result]).toEqual(['cancelled', null]);
  }, 120_000);

  it('runs the study template as nested in-process flows and writes its linked report', async () => {
    const created = await client.post('/studies', { teamId, quick: true, cities: 20, seed: 3 });
    expect(created.status).toBe(202);
    const id = created.body.id as string;
    const deadline = Date.now() + 150_000;
    let study = created.body;
    while (!['succeeded', 'failed', 'cancelled'].includes(study.status)) {
      if (Date.now() > deadline) throw new Error(`study ${id} did not finish:\n${api.log}`);
      await sleep(500);
      study = (await client.get(`/studies/${id}`)).body;
    }
    expect(study.status, JSON.stringify([study.error, study.failedSteps])).toBe('succeeded');
    expect(study.steps).toHaveLength(19);
    expect(study.steps.filter((step: { status: string }) => step.status !== 'succeeded')).toEqual([]);
    const report = await client.get(`/studies/${id}/report`);
    expect(report.status).toBe(200);
    for (const step of study.steps.filter((s: { phase: string }) => s.phase === 'estimation')) {
      expect(report.body).toContain(`/analyses/${step.analysisId}`);
    }
  }, 180_000);

  it('finishes a study interrupted by a restart: lost jobs are re-added from the tables', async () => {
    const created = await client.post('/studies', { teamId, quick: false, cities: 60, seed: 4 });
    const id = created.body.id as string;
    const deadline = Date.now() + 120_000;
    let study = created.body;
    // stop while estimation steps are still to run: the in-process queue keeps no jobs across restarts
    while (!(
      study.stage === 'estimation' && study.steps.some((s: { status: string }) => s.status !== 'succeeded')
    )) {
      if (Date.now() > deadline || ['succeeded', 'failed'].includes(study.status)) {
        throw new Error(`study ${id} was not caught mid-estimation (${study.status}, ${study.stage})`);
      }
      await sleep(50);
      study = (await client.get(`/studies/${id}`)).body;
    }
    await api.stop();
    api = new EmbeddedApi(dataDir, api.url);
    await api.start();
    while (!['succeeded', 'failed', 'cancelled'].includes(study.status)) {
      if (Date.now() > deadline + 60_000)
        throw new Error(`study ${id} did not finish after the restart:\n${api.log}`);
      await sleep(500);
      study = (await client.get(`/studies/${id}`)).body;
    }
    expect(study.status, JSON.stringify([study.error, study.failedSteps])).toBe('succeeded');
    expect(study.steps.filter((step: { status: string }) => step.status !== 'succeeded')).toEqual([]);
    expect((await client.get(`/studies/${id}/report`)).status).toBe(200);
    expect(api.log).toContain('re-queued studies whose job was missing');
  }, 300_000);

  it('keeps users, datasets and results after a restart on the same folder', async () => {
    const before = (await client.get(`/analyses/${ids.mediation}`)).body;
    await api.stop();
    api = new EmbeddedApi(dataDir, api.url);
    await api.start();
    const me = await client.get('/auth/me');
    expect(me.status).toBe(200);
    const dataset = await client.get(`/datasets/${ids.produc}`);
    expect(dataset.body).toMatchObject({ id: ids.produc, name: 'produc' });
    expect((await client.get(`/analyses/${ids.mediation}`)).body).toEqual(before);
    expect((await client.get(`/analyses/${ids.fe}`)).body.status).toBe('succeeded');
  }, 120_000);
});
