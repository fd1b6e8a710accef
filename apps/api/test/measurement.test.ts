import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { JobName, QueueName } from '@spillover/contracts';
import { Queue } from 'bullmq';
import { afterAll, beforeAll, describe, expect, it, inject } from 'vitest';
import { repoRoot } from './fixtures.js';
import { signUp, type ApiClient } from './http-client.js';
import { query, redisUrl } from './services.js';
import { zipArchive } from './zip-archive.js';

/**
 * Measurement on the platform, end to end through the compiled API and worker: a measurement analysis
 * stores its panel with the new columns as a new dataset version (with provenance, exactly once), and
 * uploaded policy texts become a texts panel for keyword counts.
 */

const entropyDir = path.resolve(repoRoot, '../shared/fixtures/entropy');
const entropyCsv = readFileSync(path.join(entropyDir, 'panel.csv'), 'utf8');
const entropyCase = (
  JSON.parse(readFileSync(path.join(entropyDir, 'cases.json'), 'utf8')) as {
    name: string;
    spec: Record<string, unknown>;
    expected: { weights: Record<string, number>; scores: { unit: string; time: number; score: number }[] };
    tolerance: { estimate: number; absolute: number };
  }[]
).find((c) => c.name === 'entropy-pooled-visible')!;

function redisConnection() {
  const url = new URL(redisUrl);
  return { host: url.hostname, port: Number(url.port || 6379), maxRetriesPerRequest: null };
}

function expectClose(actual: number, expected: number, label: string): void {
  const { estimate, absolute } = entropyCase.tolerance;
  const tolerance = absolute + estimate * Math.abs(expected);
  expect(Math.abs(actual - expected), `${label}: expected ${expected}, got ${actual}`).toBeLessThanOrEqual(
    tolerance,
  );
}

let worker: ChildProcess;
let workerLog = '';

/** The compiled worker on the API's database and queue prefix. */
async function startWorker(): Promise<void> {
  worker = spawn(process.execPath, [path.join(repoRoot, 'apps/worker/dist/main.js')], {
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
  worker.stdout!.on('data', (chunk: Buffer) => (workerLog += chunk.toString()));
  worker.stderr!.on('data', (chunk: Buffer) => (workerLog += chunk.toString()));
  const deadline = Date.now() + 20_000;
  while (!workerLog.includes('worker ready')) {
    if (worker.exitCode !== null)
      throw new Error(`the worker exited with code ${worker.exitCode}:\n${workerLog}`);
    if (Date.now() > deadline) throw new Error(`the worker did not start in 20 s:\n${workerLog}`);
    await sleep(100);
  }
}

/** Polls an analysis until it is succeeded or failed. */
async function settled(client: ApiClient, id: string): Promise<any> {
  const deadline = Date.now() + 30_000;
  for (;;) {
    const { body } = await client.get(`/analyses/${id}`);
    if (body.status === 'succeeded' || body.status === 'failed') return body;
    if (Date.now() > deadline) throw new Error(`analysis ${id} still ${body.status}:\n${workerLog}`);
    await sleep(150);
  }
}

describe('measurement', () => {
  let me: { client: ApiClient; teamId: string };
  let entropyDatasetId: string;

  beforeAll(async () => {
    await startWorker();
    me = await signUp('Mia');
    const upload = await me.client.uploadCsv(
      { teamId: me.teamId, name: 'resilience', unit: 'city', time: 'year' },
      entropyCsv,
    );
    expect(upload.status).toBe(201);
    entropyDatasetId = upload.body.id;
  });

  afterAll(async () => {
    if (worker && worker.exitCode === null) {
      worker.kill('SIGTERM');
      await Promise.race([once(worker, 'exit'), sleep(10_000).then(() => worker.kill('SIGKILL'))]);
    }
    if (process.env.API_TEST_LOGS) console.log(workerLog);
  });

  describe('derived dataset versions', () => {
    let analysis: any;
    let derived: any;

    it('an entropy index stores the panel with its score columns as the next version, with provenance', async () => {
      const { data: _data, ...spec } = entropyCase.spec;
      const created = await me.client.post('/analyses', { datasetId: entropyDatasetId, spec });
      expect(created.status).toBe(202);
      analysis = await settled(me.client, created.body.id);
      expect(analysis.status, JSON.stringify(analysis.error)).toBe('succeeded');
      for (const [indicator, weight] of Object.entries(entropyCase.expected.weights))
        expectClose(analysis.result.weights[indicator], weight, `weights.${indicator}`);
      expect(analysis.derivedDatasetId).toEqual(expect.any(String));

      const response = await me.client.get(`/datasets/${analysis.derivedDatasetId}`);
      expect(response.status).toBe(200);
      derived = response.body;
      expect(derived).toMatchObject({
        teamId: me.teamId,
        name: 'resilience',
        version: 2,
        sourceDatasetId: entropyDatasetId,
        sourceAnalysisId: analysis.id,
        recipe: {
          source: 'measurement',
          analysisId: analysis.id,
          sourceDatasetId: entropyDatasetId,
          sourceName: 'resilience',
          sourceVersion: 1,
          columns: ['index', 'index_economic', 'index_social', 'index_environmental', 'index_resource'],
          spec: { kind: 'entropy-index', weighting: 'pooled', method: 'entropy', output: 'index' },
        },
        report: { rows: 150, units: 30, periods: 5, unitColumn: 'city', timeColumn: 'year' },
      });
      const columns = derived.report.columns.map((c: { name: string }) => c.name);
      expect(columns.slice(-5)).toEqual(derived.recipe.columns);
      expect(derived.report.columns.find((c: { name: string }) => c.name === 'index')).toMatchObject({
        type: 'numeric',
        missing: 0,
      });
    });

    it('stores the CSV whose sha256 the view reports, with the reference scores', async () => {
      const { body: csv, headers } = await me.client.get(`/datasets/${derived.id}/content`);
      expect(headers.get('content-type')).toContain('text/csv');
      const { createHash } = await import('node:crypto');
      expect(createHash('sha256').update(csv).digest('hex')).toBe(derived.sha256);
      const [header, ...lines] = (csv as string).trim().split('\n');
      const names = header!.split(',');
      const [unitAt, timeAt, indexAt] = ['city', 'year', 'index'].map((n) => names.indexOf(n));
      const expected = new Map(entropyCase.expected.scores.map((s) => [`${s.unit}|${s.time}`, s.score]));
      expect(lines).toHaveLength(150);
      for (const line of lines) {
        const fields = line.split(',');
        const key = `${fields[unitAt!]}|${fields[timeAt!]}`;
        expectClose(Number(fields[indexAt!]), expected.get(key)!, `score ${key}`);
      }
    });

    it('a regression can use the new version’s score column', async () => {
      const created = await me.client.post('/analyses', {
        datasetId: derived.id,
        spec: {
          kind: 'regression',
          unit: 'city',
          time: 'year',
          y: 'index',
          x: ['gdp_pc'],
          model: 'fe',
          effects: 'unit',
        },
      });
      expect(created.status, JSON.stringify(created.body)).toBe(202);
      const done = await settled(me.client, created.body.id);
      expect(done.status, JSON.stringify(done.error)).toBe('succeeded');
      expect(done.derivedDatasetId).toBeNull();
    });

    it('a retried or duplicated job still leaves exactly one derived version', async () => {
      // the analysis runs again as a re-delivered job would: its row back to queued, two deliveries at once
      await query(inject('databaseUrl'), `UPDATE analyses SET status = 'queued' WHERE id = $1`, [
        analysis.id,
      ]);
      const queue = new Queue(QueueName.Estimation, {
        connection: redisConnection(),
        prefix: inject('queuePrefix'),
      });
      try {
        await Promise.all(
          ['a', 'b'].map((copy) =>
            queue.add(
              JobName.FitAnalysis,
              { analysisId: analysis.id },
              { jobId: `retry-${copy}-${analysis.id}`, attempts: 3, backoff: { type: 'fixed', delay: 200 } },
            ),
          ),
        );
        const deadline = Date.now() + 30_000;
        let counts = await queue.getJobCounts('waiting', 'active', 'delayed');
        while (counts.waiting + counts.active + counts.delayed > 0) {
          if (Date.now() > deadline) throw new Error(`retried jobs did not finish:\n${workerLog}`);
          await sleep(150);
          counts = await queue.getJobCounts('waiting', 'active', 'delayed');
        }
      } finally {
        await queue.close();
      }
      const again = await settled(me.client, analysis.id);
      expect(again.status).toBe('succeeded');
      expect(again.attempts).toBeGreaterThan(analysis.attempts);
      expect(again.derivedDatasetId).toBe(analysis.derivedDatasetId);
      const rows = await query(
        inject('databaseUrl'),
        `SELECT id FROM datasets WHERE source_analysis_id = $1`,
        [analysis.id],
      );
      expect(rows).toEqual([{ id: analysis.derivedDatasetId }]);
      const versions = await me.client.get(`/datasets?teamId=${me.teamId}`);
      expect(versions.body.filter((d: { name: string }) => d.name === 'resilience')).toHaveLength(2);
    });

    it('stores under a requested name, and only for kinds that add columns', async () => {
      const spec = {
        kind: 'transform',
        unit: 'city',
        time: 'year',
        steps: [
          { op: 'ln', column: 'gdp_pc', as: 'ln_gdp_pc' },
          { op: 'lag', column: 'ln_gdp_pc', as: 'L_ln_gdp_pc' },
        ],
      };
      const created = await me.client.post('/analyses', {
        datasetId: entropyDatasetId,
        spec,
        derivedDatasetName: 'resilience-logs',
      });
      expect(created.status).toBe(202);
      const done = await settled(me.client, created.body.id);
      expect(done.status, JSON.stringify(done.error)).toBe('succeeded');
      const { body: version } = await me.client.get(`/datasets/${done.derivedDatasetId}`);
      expect(version).toMatchObject({
        name: 'resilience-logs',
        version: 1,
        sourceDatasetId: entropyDatasetId,
      });
      expect(version.recipe.columns).toEqual(['ln_gdp_pc', 'L_ln_gdp_pc']);
      expect(version.report.columns.find((c: { name: string }) => c.name === 'L_ln_gdp_pc').missing).toBe(30);

      const refused = await me.client.post('/analyses', {
        datasetId: entropyDatasetId,
        spec: { kind: 'regression', unit: 'city', time: 'year', y: 'gdp_pc', x: ['pm25'], model: 'ols' },
        derivedDatasetName: 'nope',
      });
      expect(refused.status).toBe(400);
      expect(refused.body.details).toEqual({ field: 'derivedDatasetName' });
    });

    it('a transform taking ln of a non-positive value fails naming the unit and period, storing nothing', async () => {
      const upload = await me.client.uploadCsv(
        { teamId: me.teamId, name: 'small', unit: 'region', time: 'year' },
        'region,year,x\na,2020,1\na,2021,2\nb,2020,3\nb,2021,0\n',
      );
      const created = await me.client.post('/analyses', {
        datasetId: upload.body.id,
        spec: {
          kind: 'transform',
          unit: 'region',
          time: 'year',
          steps: [{ op: 'ln', column: 'x', as: 'lnx' }],
        },
      });
      const done = await settled(me.client, created.body.id);
      expect(done.status).toBe('failed');
      expect(done.error.code).toBe('VALIDATION_FAILED');
      expect(done.error.message).toMatch(/unit "b" in period 2021/);
      expect(done.derivedDatasetId).toBeNull();
      const versions = await me.client.get(`/datasets?teamId=${me.teamId}`);
      expect(versions.body.filter((d: { name: string }) => d.name === 'small')).toHaveLength(1);
    });

    it('an output column the panel already has fails the analysis naming the spec field', async () => {
      const { data: _data, ...spec } = entropyCase.spec;
      const created = await me.client.post('/analyses', { datasetId: derived.id, spec });
      const done = await settled(me.client, created.body.id);
      expect(done.status).toBe('failed');
      expect(done.error).toMatchObject({
        code: 'INVALID_SPEC',
        details: { field: 'output', column: 'index' },
      });
    });
  });

  describe('texts for keyword counts', () => {
    const texts = {
      'city01_2020.txt': '推进数字经济发展，建设数字政府。大数据和云计算，5G网络。',
      'city01_2021.txt': '加快工业互联网和人工智能，推进一网通办。',
      'city02_2020.txt': '加强生态环境保护。',
      'city02_2021.txt': '发展数字经济，建设智慧城市。Big data and e-government.',
    };
    const zipOf = (entries: Record<string, string | Buffer>) =>
      zipArchive(
        Object.entries(entries).map(([name, data]) => ({
          name,
          data: typeof data === 'string' ? Buffer.from(data, 'utf8') : data,
          deflate: true,
        })),
      );
    const upload = (body: Buffer | string, name: string, contentType = 'application/zip') =>
      me.client.request(
        'POST',
        `/texts?${new URLSearchParams({ teamId: me.teamId, name, fileName: `${name}.zip` })}`,
        {
          body,
          contentType,
        },
      );

    let textsId: string;

    it('a ZIP of <unit>_<period>.txt files becomes a texts panel dataset version', async () => {
      const response = await upload(
        zipOf({
          'reports/': '',
          ...Object.fromEntries(Object.entries(texts).map(([n, t]) => [`reports/${n}`, t])),
        }),
        'reports',
      );
      expect(response.status, JSON.stringify(response.body)).toBe(201);
      textsId = response.body.id;
      expect(response.body).toMatchObject({
        name: 'reports',
        version: 1,
        sourceDatasetId: null,
        recipe: { source: 'texts', format: 'zip', texts: 4, textColumn: 'text' },
        report: { rows: 4, units: 2, periods: 2, unitColumn: 'unit', timeColumn: 'time', balanced: true },
      });
      expect(
        response.body.report.columns.map((c: { name: string; type: string }) => [c.name, c.type]),
      ).toEqual([
        ['unit', 'text'],
        ['time', 'numeric'],
        ['text', 'text'],
      ]);
    });

    it('previews counts with an edited dictionary, and the keyword-count analysis stores the keyword panel', async () => {
      const dictionary = await me.client.get('/texts/dictionary');
      expect(dictionary.body.terms).toContain('数字经济');
      const preview = await me.client.post('/texts/preview', {
        datasetId: textsId,
        limit: 2,
        dictionary: { add: ['生态环境'], remove: ['5G'] },
      });
      expect(preview.status, JSON.stringify(preview.body)).toBe(200);
      expect(preview.body.texts).toHaveLength(2);
      expect(preview.body.dictionary).toContain('生态环境');
      expect(preview.body.dictionary).not.toContain('5G');
      const first = preview.body.texts.find(
        (t: { unit: string; time: number }) => t.unit === 'city01' && t.time === 2020,
      );
      // 数字经济, 数字政府, 大数据, 云计算 (5G removed)
      expect(first).toMatchObject({ count: 4, lnCount: Math.log(5) });
      expect(first.frequency).toBeCloseTo((4 / first.characters) * 10_000, 12);

      const created = await me.client.post('/analyses', {
        datasetId: textsId,
        spec: { kind: 'keyword-count', unit: 'unit', time: 'time', dictionary: { remove: ['5G'] } },
      });
      expect(created.status, JSON.stringify(created.body)).toBe(202);
      const done = await settled(me.client, created.body.id);
      expect(done.status, JSON.stringify(done.error)).toBe('succeeded');
      const { body: panel } = await me.client.get(`/datasets/${done.derivedDatasetId}`);
      expect(panel).toMatchObject({ name: 'reports', version: 2, sourceDatasetId: textsId });
      expect(panel.recipe.columns).toEqual(['digital_count', 'digital_freq', 'digital_ln']);
      const { body: csv } = await me.client.get(`/datasets/${panel.id}/content`);
      expect(csv.split('\n')[0]).toBe('unit,time,text,digital_count,digital_freq,digital_ln');
    });

    it('a CSV of texts is accepted as it is', async () => {
      const csv = 'unit,time,text\ncity01,2020,数字经济\ncity02,2020,"big data, cloud computing"\n';
      const response = await me.client.request(
        'POST',
        `/texts?${new URLSearchParams({ teamId: me.teamId, name: 'csv-texts' })}`,
        { body: csv, contentType: 'text/csv' },
      );
      expect(response.status, JSON.stringify(response.body)).toBe(201);
      expect(response.body.recipe).toEqual({ source: 'texts', format: 'csv', texts: 2, textColumn: 'text' });
    });

    it('refuses a ZIP bomb with 422 naming the entry, storing nothing', async () => {
      const bomb = zipOf({
        'city01_2020.txt': texts['city01_2020.txt'],
        'city02_2020.txt': Buffer.alloc(20_000_000, 0x61),
      });
      expect(bomb.length).toBeLessThan(100_000);
      const response = await upload(bomb, 'bomb');
      expect(response.status).toBe(422);
      expect(response.body).toMatchObject({ code: 'FILE_TOO_LARGE', details: { entry: 'city02_2020.txt' } });
      expect(response.body.message).toContain('city02_2020.txt');
      const versions = await me.client.get(`/datasets?teamId=${me.teamId}`);
      expect(versions.body.some((d: { name: string }) => d.name === 'bomb')).toBe(false);
    });

    it('refuses a file that is not UTF-8 with 422 naming it', async () => {
      const gbk = Buffer.from([0xca, 0xfd, 0xd7, 0xd6, 0xbe, 0xad, 0xbc, 0xc3]); // 数字经济 in GBK
      const response = await upload(
        zipOf({ 'city01_2020.txt': texts['city01_2020.txt'], 'city03_2020.txt': gbk }),
        'gbk',
      );
      expect(response.status).toBe(422);
      expect(response.body.message).toContain('city03_2020.txt');
      expect(response.body.message).toMatch(/UTF-8/);
    });

    it('refuses an entry not named <unit>_<period>.txt with 422 naming it', async () => {
      const response = await upload(zipOf({ 'notes.txt': 'hello' }), 'misnamed');
      expect(response.status).toBe(422);
      expect(response.body).toMatchObject({ details: { entry: 'notes.txt' } });
    });
  });
});
