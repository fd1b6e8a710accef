import { analysisJobId, fitAnalysisJobOptions, JobName, QueueName } from '@spillover/contracts';
import { Queue, Worker } from 'bullmq';
import { afterAll, beforeAll, describe, expect, it, inject } from 'vitest';
import { producCsv, producHead } from './fixtures.js';
import { signUp, type ApiClient } from './http-client.js';
import { query, redisUrl } from './services.js';

function redisConnection() {
  const url = new URL(redisUrl);
  return { host: url.hostname, port: Number(url.port || 6379), maxRetriesPerRequest: null };
}

const spec = {
  kind: 'regression',
  unit: 'state',
  time: 'year',
  y: 'lgsp',
  x: ['lpcap', 'lpc', 'lemp', 'unemp'],
  model: 'fe',
  effects: 'twoways',
};

describe('analyses', () => {
  let ann: { client: ApiClient; teamId: string };
  let bob: { client: ApiClient; teamId: string };
  let datasetId: string;
  let queue: Queue;

  beforeAll(async () => {
    ann = await signUp('Ana');
    bob = await signUp('Ben');
    const upload = await ann.client.uploadCsv(
      { teamId: ann.teamId, name: 'produc', unit: 'state', time: 'year' },
      producCsv,
    );
    datasetId = upload.body.id;
    queue = new Queue(QueueName.Estimation, { connection: redisConnection(), prefix: inject('queuePrefix') });
  });
  afterAll(() => queue.close());

  it('stores a queued analysis and enqueues FitAnalysis under its job id', async () => {
    const response = await ann.client.post('/analyses', { datasetId, spec, title: 'Produc two-way FE' });
    expect(response.status).toBe(202);
    const analysis = response.body;
    expect(analysis).toMatchObject({
      teamId: ann.teamId,
      datasetId,
      title: 'Produc two-way FE',
      kind: 'regression',
      model: 'fe',
      status: 'queued',
      progress: null,
      result: null,
      error: null,
      attempts: 0,
      startedAt: null,
      finishedAt: null,
    });
    // defaults of the spec are filled in before it is stored
    expect(analysis.spec).toMatchObject({ ...spec, vcov: 'classical', leeYu: false });

    const rows = await query(
      inject('databaseUrl'),
      'SELECT status, kind, model FROM analyses WHERE id = $1',
      [analysis.id],
    );
    expect(rows).toEqual([{ status: 'queued', kind: 'regression', model: 'fe' }]);

    const job = await queue.getJob(analysisJobId(analysis.id));
    expect(job?.name).toBe(JobName.FitAnalysis);
    expect(job?.data).toEqual({ analysisId: analysis.id });
    expect(job?.opts.attempts).toBe(fitAnalysisJobOptions.attempts);

    expect((await ann.client.get(`/analyses/${analysis.id}`)).body).toEqual(analysis);
    const listed = await ann.client.get(`/analyses?teamId=${ann.teamId}`);
    expect(listed.body.map((a: { id: string }) => a.id)).toContain(analysis.id);
  });

  it('hides analyses from a user of another team', async () => {
    const created = await ann.client.post('/analyses', { datasetId, spec });
    const id = created.body.id as string;
    for (const path of [`/analyses/${id}`, `/analyses/${id}/events`, `/analyses?teamId=${ann.teamId}`]) {
      const response = await bob.client.get(path);
      expect([path, response.status, response.body.code]).toEqual([path, 404, 'NOT_FOUND']);
    }
    expect((await bob.client.get('/analyses')).body).toEqual([]);
    const onForeignDataset = await bob.client.post('/analyses', { datasetId, spec });
    expect(onForeignDataset.status).toBe(404);
  });

  it('names an unknown spec field (400) and stores nothing', async () => {
    const before = await query(inject('databaseUrl'), 'SELECT count(*)::int AS n FROM analyses');
    const response = await ann.client.post('/analyses', { datasetId, spec: { ...spec, colour: 'red' } });
    expect(response.status).toBe(400);
    expect(response.body).toMatchObject({
      code: 'INVALID_SPEC',
      issues: [{ path: 'spec.colour', message: 'unknown field "colour"' }],
    });
    const missingY = await ann.client.post('/analyses', { datasetId, spec: { ...spec, y: undefined } });
    expect(missingY.status).toBe(400);
    expect(missingY.body.issues[0].path).toBe('spec.y');
    const after = await query(inject('databaseUrl'), 'SELECT count(*)::int AS n FROM analyses');
    expect(after).toEqual(before);
  });

  it('names field and column of an unknown column (422)', async () => {
    const response = await ann.client.post('/analyses', {
      datasetId,
      spec: { ...spec, x: ['lpcap', 'lpcapp'] },
    });
    expect(response.status).toBe(422);
    expect(response.body).toMatchObject({
      code: 'UNKNOWN_COLUMN',
      details: { field: 'x[1]', column: 'lpcapp' },
    });
    expect(response.body.message).toContain('x[1]');
    expect(response.body.message).toContain('"lpcapp"');
  });

  it('reports a text cell in the upload and refuses a spec that uses that column', async () => {
    const lines = producHead(34);
    const header = lines[0]!.split(',');
    const unemp = header.indexOf('unemp');
    const cells = lines[5]!.split(',');
    cells[unemp] = 'high';
    lines[5] = cells.join(',');
    const upload = await ann.client.uploadCsv(
      { teamId: ann.teamId, name: 'text-cell', unit: 'state', time: 'year' },
      lines.join('\n'),
    );
    expect(upload.status).toBe(201);
    expect(upload.body.report.columns.find((c: { name: string }) => c.name === 'unemp')).toMatchObject({
      type: 'text',
    });

    const response = await ann.client.post('/analyses', { datasetId: upload.body.id, spec });
    expect(response.status).toBe(422);
    expect(response.body).toMatchObject({
      code: 'NON_NUMERIC_CELL',
      details: { field: 'x[3]', column: 'unemp' },
    });
    expect(response.body.message).toContain('"unemp"');
  });

  it('refuses a weights file path: the platform reads stored weights only (422 naming the field)', async () => {
    const response = await ann.client.post('/analyses', {
      datasetId,
      spec: { ...spec, model: 'sdm', weights: { path: 'W.csv' } },
    });
    expect(response.status).toBe(422);
    expect(response.body).toMatchObject({ code: 'UNSUPPORTED', details: { field: 'spec.weights.path' } });
  });

  it('streams the current status first over server-sent events', async () => {
    const created = await ann.client.post('/analyses', { datasetId, spec });
    const controller = new AbortController();
    const response = await fetch(`${ann.client.baseUrl}/analyses/${created.body.id}/events`, {
      headers: { cookie: ann.client.cookie! },
      signal: controller.signal,
    });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^text\/event-stream/);
    const reader = response.body!.getReader();
    let text = '';
    while (!text.includes('\n\n')) {
      const { value, done } = await reader.read();
      if (done) break;
      text += new TextDecoder().decode(value);
    }
    controller.abort();
    const [event, data] = text.split('\n');
    expect(event).toBe('event: status');
    expect(JSON.parse(data!.replace(/^data: /, ''))).toEqual({
      id: created.body.id,
      status: 'queued',
      error: null,
    });
  });

  it('sends the final status and closes when the row reaches a terminal status', async () => {
    const created = await ann.client.post('/analyses', { datasetId, spec });
    const id = created.body.id as string;
    const response = await fetch(`${ann.client.baseUrl}/analyses/${id}/events`, {
      headers: { cookie: ann.client.cookie! },
    });
    const body = response.text(); // resolves when the server ends the stream
    const failure = { code: 'SINGULAR_DESIGN', message: 'design matrix is singular' };
    await query(inject('databaseUrl'), `UPDATE analyses SET status = 'failed', error = $2 WHERE id = $1`, [
      id,
      failure,
    ]);
    const events = (await body).trim().split('\n\n');
    expect(events[0]).toContain('"status":"queued"');
    expect(events.at(-1)).toBe(
      `event: status\ndata: ${JSON.stringify({ id, status: 'failed', error: failure })}`,
    );
  });

  it('relays live progress from the queue, then the final status', async () => {
    const created = await ann.client.post('/analyses', { datasetId, spec });
    const id = created.body.id as string;
    const response = await fetch(`${ann.client.baseUrl}/analyses/${id}/events`, {
      headers: { cookie: ann.client.cookie! },
    });
    const body = response.text();
    // a stand-in for the worker: progress only through BullMQ (the row's progress stays empty)
    const worker = new Worker(
      QueueName.Estimation,
      async (job) => {
        if (job.data.analysisId !== id) return;
        await query(inject('databaseUrl'), `UPDATE analyses SET status = 'running' WHERE id = $1`, [id]);
        await job.updateProgress({ stage: 'fit', done: 1, total: 2 });
        await query(inject('databaseUrl'), `UPDATE analyses SET status = 'succeeded' WHERE id = $1`, [id]);
      },
      { connection: redisConnection(), prefix: inject('queuePrefix') },
    );
    try {
      const events = (await body).trim().split('\n\n');
      expect(events).toContain(
        `event: progress\ndata: ${JSON.stringify({ stage: 'fit', done: 1, total: 2 })}`,
      );
      expect(events.at(-1)).toBe(
        `event: status\ndata: ${JSON.stringify({ id, status: 'succeeded', error: null })}`,
      );
    } finally {
      await worker.close();
    }
  });
});

describe('the team limit of analyses queued or running', () => {
  it('admits no more than the limit when submissions arrive at the same instant', async () => {
    const cat = await signUp('Cat');
    const upload = await cat.client.uploadCsv(
      { teamId: cat.teamId, name: 'produc', unit: 'state', time: 'year' },
      producCsv,
    );
    await query(inject('databaseUrl'), 'INSERT INTO team_limits (team_id, max_active_jobs) VALUES ($1, 3)', [
      cat.teamId,
    ]);
    const spec = { kind: 'regression', unit: 'state', time: 'year', y: 'lgsp', x: ['lpcap'], model: 'fe' };
    // no worker consumes this API's queue here, so every admitted analysis stays queued
    const responses = await Promise.all(
      Array.from({ length: 10 }, () => cat.client.post('/analyses', { datasetId: upload.body.id, spec })),
    );
    const statuses = responses.map((r) => r.status).sort();
    expect(statuses).toEqual([...Array(3).fill(202), ...Array(7).fill(429)]);
    const refused = responses.find((r) => r.status === 429)!;
    expect(refused.body).toMatchObject({
      code: 'LIMIT_EXCEEDED',
      details: { limit: 'maxActiveJobs', allowed: 3, current: 3 },
    });
    const [{ n }] = await query<{ n: number }>(
      inject('databaseUrl'),
      `SELECT count(*)::int AS n FROM analyses WHERE team_id = $1 AND status IN ('queued', 'running')`,
      [cat.teamId],
    );
    expect(n).toBe(3);
  });
});
