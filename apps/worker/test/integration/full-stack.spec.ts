import type { AnalysisView, DatasetView, MeView } from '@spillover/contracts';
import { execFile } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dropDatabase, type Stack, startStack } from '../../../../scripts/stack.mjs';
import { estimationQueue, fixturesDir, producCsv, repoRoot, unique, waitFor } from './support.js';

const spec = {
  kind: 'regression',
  unit: 'state',
  time: 'year',
  y: 'lgsp',
  x: ['lpcap', 'lpc', 'lemp', 'unemp'],
  model: 'fe',
  effects: 'twoways',
  vcov: 'cluster',
} as const;

/** What `spillover fit spec.json` prints for the same spec on the same panel. */
async function cliResult(): Promise<unknown> {
  const dir = mkdtempSync(join(tmpdir(), 'spillover-fullstack-'));
  const specPath = join(dir, 'spec.json');
  writeFileSync(specPath, JSON.stringify({ ...spec, data: join(fixturesDir, 'produc/panel.csv') }));
  const { stdout } = await promisify(execFile)(
    process.execPath,
    [join(repoRoot, 'packages/cli/bin/spillover.js'), 'fit', specPath],
    {
      maxBuffer: 16 * 1024 * 1024,
    },
  );
  return JSON.parse(stdout);
}

describe('full stack: API + worker against PostgreSQL and Redis', () => {
  const databaseName = unique('spillover_worker_fullstack');
  const queuePrefix = unique('wstack');
  const logs: string[] = [];
  let stack: Stack;
  let cookie = '';

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

  it('signs up, uploads Produc, fits a two-way FE cluster model and stores what the CLI prints', async () => {
    const me = await api<MeView>('/auth/signup', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        email: `${unique('fs')}@example.org`,
        password: 'correct horse battery',
        name: 'Full Stack',
      }),
    });
    const teamId = me.teams[0].id;
    const query = new URLSearchParams({ teamId, name: 'produc', unit: 'state', time: 'year' });
    const dataset = await api<DatasetView>(`/datasets?${query}`, {
      method: 'POST',
      headers: { 'content-type': 'text/csv' },
      body: producCsv,
    });
    expect(dataset.report).toMatchObject({ units: 48, periods: 17, balanced: true });

    const created = await api<AnalysisView>('/analyses', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ datasetId: dataset.id, spec }),
    });
    const done = await waitFor(
      'the analysis to finish',
      async () => {
        const view = await api<AnalysisView>(`/analyses/${created.id}`);
        return view.status === 'succeeded' || view.status === 'failed' ? view : null;
      },
      60_000,
      200,
    ).catch((error: Error) => {
      throw new Error(`${error.message}\n${logs.slice(-40).join('\n')}`);
    });
    expect(done.error).toBeNull();
    expect(done.status).toBe('succeeded');
    expect(done.attempts).toBe(1);
    // Same numbers, bit for bit, as the command line.
    expect(done.result).toStrictEqual(await cliResult());
  });
});
