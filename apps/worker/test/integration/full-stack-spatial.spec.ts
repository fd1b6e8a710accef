import type { AnalysisView, DatasetView, MeView, WeightsView } from '@spillover/contracts';
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dropDatabase, type Stack, startStack } from '../../../../scripts/stack.mjs';
import { estimationQueue, fixturesDir, producCsv, repoRoot, unique, waitFor } from './support.js';

const weightsPath = join(fixturesDir, 'produc/W.csv');
const producWeightsCsv = readFileSync(weightsPath, 'utf8');

const sarSpec = {
  kind: 'regression',
  unit: 'state',
  time: 'year',
  y: 'lgsp',
  x: ['lpcap', 'lpc', 'lemp', 'unemp'],
  model: 'sar',
  effects: 'twoways',
  vcov: 'classical',
  impacts: { draws: 1000, seed: 1 },
} as const;
const moranSpec = { kind: 'moran', unit: 'state', time: 'year', variable: 'lgsp' } as const;

/** What `spillover fit spec.json` prints for the spec with the panel and W read from files. */
async function cliResult(spec: object, weightsFile = weightsPath): Promise<unknown> {
  const dir = mkdtempSync(join(tmpdir(), 'spillover-fullstack-spatial-'));
  const specPath = join(dir, 'spec.json');
  writeFileSync(
    specPath,
    JSON.stringify({ ...spec, data: join(fixturesDir, 'produc/panel.csv'), weights: { path: weightsFile } }),
  );
  const { stdout } = await promisify(execFile)(
    process.execPath,
    [join(repoRoot, 'packages/cli/bin/spillover.js'), 'fit', specPath],
    { maxBuffer: 16 * 1024 * 1024 },
  );
  return JSON.parse(stdout);
}

describe('full stack: spatial analyses with stored weights', () => {
  const databaseName = unique('spillover_worker_spatial');
  const queuePrefix = unique('wspatial');
  const logs: string[] = [];
  let stack: Stack;
  let cookie = '';
  let teamId: string;
  let datasetId: string;
  let weights: WeightsView;

  const api = async <T>(path: string, init: RequestInit = {}): Promise<T> => {
    const response = await fetch(`${stack.apiUrl}${path}`, {
      ...init,
      headers: { cookie, ...(init.headers ?? {}) },
    });
    const body = await response.text();
    if (!response.ok) throw new Error(`${init.method ?? 'GET'} ${path} → ${response.status}: ${body}`);
    const setCookie = response.headers.getSetCookie();
    if (setCookie.length > 0) cookie = setCookie.map((c) => c.split(';')[0]).join('; ');
    return JSON.parse(body) as T;
  };

  const fitThroughPlatform = async (spec: object, weightsId = weights.id): Promise<AnalysisView> => {
    const created = await api<AnalysisView>('/analyses', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ datasetId, spec: { ...spec, weights: { id: weightsId } } }),
    });
    return waitFor(
      `analysis ${created.id} to finish`,
      async () => {
        const view = await api<AnalysisView>(`/analyses/${created.id}`);
        return view.status === 'succeeded' || view.status === 'failed' ? view : null;
      },
      90_000,
      200,
    ).catch((error: Error) => {
      throw new Error(`${error.message}\n${logs.slice(-40).join('\n')}`);
    });
  };

  beforeAll(async () => {
    stack = await startStack({
      databaseName,
      fresh: true,
      services: ['api', 'worker'],
      apiPort: 0,
      webPort: 0,
      queuePrefix,
      log: (line) => logs.push(line),
    });
    const me = await api<MeView>('/auth/signup', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        email: `${unique('spatial')}@example.org`,
        password: 'correct horse battery',
        name: 'Spatial Stack',
      }),
    });
    teamId = me.teams[0].id;
    const dataset = await api<DatasetView>(
      `/datasets?${new URLSearchParams({ teamId, name: 'produc', unit: 'state', time: 'year' })}`,
      { method: 'POST', headers: { 'content-type': 'text/csv' }, body: producCsv },
    );
    datasetId = dataset.id;
    weights = await api<WeightsView>(`/weights?${new URLSearchParams({ teamId, name: 'W.csv' })}`, {
      method: 'POST',
      headers: { 'content-type': 'text/csv' },
      body: producWeightsCsv,
    });
  });

  afterAll(async () => {
    await stack?.stop();
    const queue = estimationQueue(queuePrefix);
    await queue.obliterate({ force: true });
    await queue.close();
    await dropDatabase(
      process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres',
      databaseName,
    );
  });

  it('stores the uploaded Produc W with its summary', () => {
    expect(weights).toMatchObject({ n: 48, format: 'matrix', summary: { symmetric: true, islands: [] } });
  });

  it('fits a two-way SAR with the stored W and stores exactly what the CLI prints with W.csv', async () => {
    const done = await fitThroughPlatform(sarSpec);
    expect(done.error).toBeNull();
    expect(done.status).toBe('succeeded');
    expect(done.result).toMatchObject({ model: 'sar', nunits: 48, nperiods: 17 });
    expect(done.result).toStrictEqual(await cliResult(sarSpec));
  });

  it('runs Moran’s I by period with the stored W, equal to the CLI', async () => {
    const done = await fitThroughPlatform(moranSpec);
    expect(done.error).toBeNull();
    expect(done.status).toBe('succeeded');
    expect(done.result).toStrictEqual(await cliResult(moranSpec));
  });

  it('runs Moran’s I with weights built on the platform, equal to the CLI reading their stored text', async () => {
    const built = await api<WeightsView>('/weights/build', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        teamId,
        name: 'economic-lgsp',
        datasetId,
        method: 'economic',
        variable: 'lgsp',
      }),
    });
    expect(built).toMatchObject({ n: 48, format: 'edges', summary: { links: 48 * 47 } });
    const response = await fetch(`${stack.apiUrl}/weights/${built.id}/content`, { headers: { cookie } });
    const builtPath = join(mkdtempSync(join(tmpdir(), 'spillover-built-w-')), 'economic-lgsp.csv');
    writeFileSync(builtPath, await response.text());

    const done = await fitThroughPlatform(moranSpec, built.id);
    expect(done.error).toBeNull();
    expect(done.result).toStrictEqual(await cliResult(moranSpec, builtPath));
  });
});
