import {
  AnalysisSpec,
  QueueName,
  type AnalysisSpecInput,
  type AnalysisView,
  type DatasetView,
  type MeView,
  type Progress,
} from '@spillover/contracts';
import { runAnalysis } from '@spillover/core';
import { Queue } from 'bullmq';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dropDatabase, type Stack, startStack } from '../../../../scripts/stack.mjs';
import { simulatedMediationPanel } from './mediation-panel.js';
import { fixturesDir, redisUrl, startWorker, unique, waitFor, type WorkerProcess } from './support.js';

const canonical = (value: unknown): string =>
  JSON.stringify(value, (_key, v: unknown) =>
    v && typeof v === 'object' && !Array.isArray(v)
      ? Object.fromEntries(Object.entries(v as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : 1)))
      : v,
  );

const mechanismsCsv = readFileSync(join(fixturesDir, 'mechanisms/panel.csv'), 'utf8');
const mediation = (
  y: string,
  treatment: string,
  mediators: string[],
  x: string[],
  reps: number,
): AnalysisSpecInput => ({
  kind: 'mediation',
  unit: 'unit',
  time: 'time',
  y,
  treatment,
  mediators,
  x,
  model: 'fe',
  effects: 'twoways',
  vcov: 'cluster',
  bootstrap: { reps, seed: 7 },
});

/**
 * Through the API: a bootstrap becomes a flow over two worker processes, progress reaches the event
 * stream with an estimate of the time left, and POST /analyses/:id/cancel stops it within seconds.
 */
describe('full stack: split bootstrap and cancel through the API', () => {
  const databaseName = unique('spillover_worker_fsboot');
  const queuePrefix = unique('wfsboot');
  const logs: string[] = [];
  let stack: Stack;
  let second: WorkerProcess;
  let cookie = '';
  let teamId = '';

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
  const post = <T>(path: string, body: unknown) =>
    api<T>(path, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
  const upload = (name: string, csv: string) =>
    api<DatasetView>(`/datasets?${new URLSearchParams({ teamId, name, unit: 'unit', time: 'time' })}`, {
      method: 'POST',
      headers: { 'content-type': 'text/csv' },
      body: csv,
    });

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
    second = await startWorker({ DATABASE_URL: stack.databaseUrl, QUEUE_PREFIX: queuePrefix });
    const me = await post<MeView>('/auth/signup', {
      email: `${unique('fsb')}@example.org`,
      password: 'correct horse battery',
      name: 'Bootstrap',
    });
    teamId = me.teams[0]!.id;
  });

  afterAll(async () => {
    await second?.stop();
    await stack?.stop();
    for (const name of [QueueName.Estimation, QueueName.Bootstrap]) {
      const queue = new Queue(name, { connection: { url: redisUrl }, prefix: queuePrefix });
      await queue.obliterate({ force: true });
      await queue.close();
    }
    await dropDatabase(
      process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres',
      databaseName,
    );
  });

  it('a 400-replication mediation bootstrap over two workers equals the in-process result', async () => {
    const dataset = await upload('mechanisms', mechanismsCsv);
    const spec = mediation('res', 'dig', ['innov', 'indus'], ['ctrl1', 'ctrl2'], 400);
    const created = await post<AnalysisView>('/analyses', { datasetId: dataset.id, spec });
    const done = await waitFor(
      'the bootstrap to finish',
      async () => {
        const view = await api<AnalysisView>(`/analyses/${created.id}`);
        return view.status === 'succeeded' || view.status === 'failed' ? view : null;
      },
      60_000,
      200,
    );
    expect(done.error).toBeNull();
    expect(canonical(done.result)).toBe(
      canonical(runAnalysis(AnalysisSpec.parse(spec), { panelCsv: mechanismsCsv })),
    );
  });

  it('streams replication progress with the time left, and cancel stops the running chunks within seconds', async () => {
    const dataset = await upload('simulated', simulatedMediationPanel(285, 23));
    const created = await post<AnalysisView>('/analyses', {
      datasetId: dataset.id,
      spec: mediation('y', 'd', ['m'], ['c1', 'c2'], 40_000),
    });

    // the event stream relays the chunks' progress (sent to the AggregateBootstrap parent)
    const events = await fetch(`${stack.apiUrl}/analyses/${created.id}/events`, { headers: { cookie } });
    const reader = events.body!.getReader();
    const decoder = new TextDecoder();
    let text = '';
    let progress: Progress | undefined;
    const deadline = Date.now() + 30_000;
    while (!progress && Date.now() < deadline) {
      const { value, done } = await reader.read();
      if (done) break;
      text += decoder.decode(value, { stream: true });
      for (const block of text.split('\n\n')) {
        const data = /^event: progress\ndata: (.*)$/m.exec(block)?.[1];
        const parsed = data ? (JSON.parse(data) as Progress) : undefined;
        if (parsed?.stage === 'replications' && parsed.done > 0 && parsed.etaSeconds !== undefined)
          progress = parsed;
      }
    }
    await reader.cancel();
    expect(progress).toMatchObject({ stage: 'replications', total: 40_000 });
    expect(progress!.message).toMatch(/of 40000 replications; about \d+ s left/);

    const stoppedBefore = [...logs, ...second.lines].filter((l) => l.includes('thread stopped')).length;
    const cancelledAt = Date.now();
    const view = await post<AnalysisView>(`/analyses/${created.id}/cancel`, {});
    expect(view.status).toBe('cancelled');
    await waitFor(
      'running chunks stopped',
      async () =>
        [...logs, ...second.lines].filter((l) => l.includes('thread stopped')).length > stoppedBefore,
      5000,
      50,
    );
    expect(Date.now() - cancelledAt).toBeLessThan(5000);
    const bootstrap = new Queue(QueueName.Bootstrap, { connection: { url: redisUrl }, prefix: queuePrefix });
    await waitFor(
      'no chunk left',
      async () => (await bootstrap.getJobCountByTypes('waiting', 'active')) === 0,
      10_000,
      100,
    );
    await bootstrap.close();
    await new Promise((resolve) => setTimeout(resolve, 1000));
    const after = await api<AnalysisView>(`/analyses/${created.id}`);
    expect(after).toMatchObject({ status: 'cancelled', result: null });
  });
});
