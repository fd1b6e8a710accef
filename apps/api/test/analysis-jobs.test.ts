import {
  analysisCancelKey,
  analysisJobId,
  bootstrapChunkJobId,
  JobName,
  QueueName,
} from '@spillover/contracts';
import { Queue } from 'bullmq';
import { Redis } from 'ioredis';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, inject } from 'vitest';
import { repoRoot } from './fixtures.js';
import { signUp, type ApiClient } from './http-client.js';
import { query, redisUrl } from './services.js';

const mechanismsCsv = readFileSync(path.resolve(repoRoot, '../shared/fixtures/mechanisms/panel.csv'), 'utf8');
const mediation = (reps: number) => ({
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

describe('heavy analyses as flows, and cancelling', () => {
  let ann: { client: ApiClient; teamId: string };
  let bob: { client: ApiClient; teamId: string };
  let datasetId: string;
  let estimation: Queue;
  let bootstrap: Queue;
  let redis: Redis;
  const prefix = inject('queuePrefix');

  beforeAll(async () => {
    ann = await signUp('Ada');
    bob = await signUp('Bea');
    const upload = await ann.client.uploadCsv(
      { teamId: ann.teamId, name: 'mechanisms', unit: 'unit', time: 'time' },
      mechanismsCsv,
    );
    datasetId = upload.body.id;
    redis = new Redis(redisUrl);
    const connection = { url: redisUrl };
    estimation = new Queue(QueueName.Estimation, { connection, prefix });
    bootstrap = new Queue(QueueName.Bootstrap, { connection, prefix });
  });
  afterAll(async () => {
    await Promise.all([estimation.close(), bootstrap.close()]);
    redis.disconnect();
  });

  it('a bootstrap with reps becomes AggregateBootstrap over BootstrapChunk jobs (no worker: one chunk)', async () => {
    const response = await ann.client.post('/analyses', { datasetId, spec: mediation(400) });
    expect(response.status).toBe(202);
    const id = response.body.id as string;
    const parent = await estimation.getJob(analysisJobId(id));
    expect(parent?.name).toBe(JobName.AggregateBootstrap);
    expect(parent?.data).toEqual({ analysisId: id, reps: 400, chunkSize: 400 });
    expect(await parent?.getState()).toBe('waiting-children');
    const chunk = await bootstrap.getJob(bootstrapChunkJobId(id, 0, 400));
    expect(chunk?.data).toEqual({ analysisId: id, from: 0, to: 400 });
    expect(chunk?.opts.failParentOnFailure).toBe(true);
    expect((await parent!.getDependenciesCount()).unprocessed).toBe(1);
  });

  it('without reps the analysis stays one FitAnalysis job', async () => {
    const response = await ann.client.post('/analyses', { datasetId, spec: mediation(0) });
    const job = await estimation.getJob(analysisJobId(response.body.id));
    expect(job?.name).toBe(JobName.FitAnalysis);
  });

  it('cancel: the row is cancelled, the flag is set, waiting chunks and the parent are removed', async () => {
    const { body } = await ann.client.post('/analyses', { datasetId, spec: mediation(300) });
    const id = body.id as string;
    expect(await bootstrap.getJob(bootstrapChunkJobId(id, 0, 300))).toBeDefined();

    expect((await bob.client.post(`/analyses/${id}/cancel`, {})).status).toBe(404);
    const cancelled = await ann.client.post(`/analyses/${id}/cancel`, {});
    expect(cancelled.status).toBe(200);
    expect(cancelled.body).toMatchObject({ id, status: 'cancelled' });
    expect(cancelled.body.finishedAt).not.toBeNull();
    expect(await redis.exists(analysisCancelKey(prefix, id))).toBe(1);
    expect(await bootstrap.getJob(bootstrapChunkJobId(id, 0, 300))).toBeUndefined();
    expect(await estimation.getJob(analysisJobId(id))).toBeUndefined();

    // idempotent; the row stays cancelled
    expect((await ann.client.post(`/analyses/${id}/cancel`, {})).body.status).toBe('cancelled');
    expect((await ann.client.get(`/analyses/${id}`)).body.status).toBe('cancelled');
  });

  it('cancel removes a waiting FitAnalysis job; a finished analysis cannot be cancelled (409)', async () => {
    const { body } = await ann.client.post('/analyses', { datasetId, spec: mediation(0) });
    expect((await ann.client.post(`/analyses/${body.id}/cancel`, {})).status).toBe(200);
    expect(await estimation.getJob(analysisJobId(body.id))).toBeUndefined();

    const other = await ann.client.post('/analyses', { datasetId, spec: mediation(0) });
    await query(inject('databaseUrl'), `UPDATE analyses SET status = 'succeeded' WHERE id = $1`, [
      other.body.id,
    ]);
    const conflict = await ann.client.post(`/analyses/${other.body.id}/cancel`, {});
    expect(conflict.status).toBe(409);
    expect(conflict.body.code).toBe('CONFLICT');
  });
});
