import { createHash } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { defaultStudySeed, sampleDatasetName } from '@spillover/contracts';
import { bundledCityListCsv, generateDemo } from '@spillover/demo';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signUp, type ApiClient } from './http-client.js';
import { WorkerProcess } from './worker-process.js';

/**
 * Study templates end to end through the compiled API and worker: a quick study on 40 simulated cities
 * is prepared (datasets, weights, measurement steps), its estimation steps run as queued analyses in one
 * flow, and the report links every table to its analysis; other teams see none of it.
 */

const worker = new WorkerProcess();
let alice: { client: ApiClient; teamId: string };
let bob: { client: ApiClient; teamId: string };

const terminal = new Set(['succeeded', 'failed', 'cancelled']);

/** Polls a study until `done` holds for it. */
async function until(client: ApiClient, id: string, done: (study: any) => boolean, timeoutMs: number) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const { status, body } = await client.get(`/studies/${id}`);
    expect(status).toBe(200);
    if (done(body)) return body;
    if (Date.now() > deadline) {
      throw new Error(
        `study ${id} still ${body.status}/${body.stage}:\n${JSON.stringify(body.steps)}\n${worker.log}`,
      );
    }
    await sleep(500);
  }
}

beforeAll(async () => {
  await worker.start();
  alice = await signUp('StudyAlice');
  bob = await signUp('StudyBob');
}, 60_000);

afterAll(() => worker.stop());

describe('POST /studies', () => {
  it('names the offending field', async () => {
    const tooFew = await alice.client.post('/studies', { teamId: alice.teamId, cities: 5 });
    expect(tooFew.status).toBe(400);
    expect(tooFew.body.issues).toEqual([expect.objectContaining({ path: 'cities' })]);
    const template = await alice.client.post('/studies', { teamId: alice.teamId, template: 'other' });
    expect(template.status).toBe(400);
    expect(template.body.message).toContain('template');
    const noTeam = await alice.client.post('/studies', { quick: true });
    expect(noTeam.status).toBe(400);
    expect(noTeam.body.details.field).toBe('teamId');
  });

  it('refuses a team the caller is not in, as absent', async () => {
    const response = await bob.client.post('/studies', { teamId: alice.teamId, quick: true });
    expect(response.status).toBe(404);
  });
});

describe('a quick study', () => {
  let study: any;

  beforeAll(async () => {
    const created = await alice.client.post('/studies', {
      teamId: alice.teamId,
      quick: true,
      cities: 40,
      name: 'itest resilience',
    });
    expect(created.status).toBe(202);
    expect(created.body).toMatchObject({
      status: 'queued',
      stage: 'preparation',
      template: 'digital-resilience',
      options: { seed: defaultStudySeed, quick: true, cities: 40 },
      steps: [],
      report: { available: false, tables: [] },
    });
    study = await until(alice.client, created.body.id, (s) => terminal.has(s.status), 600_000);
  }, 660_000);

  it('succeeds with every step succeeded, measurement steps first', async () => {
    expect(study.error).toBeNull();
    expect(study.status).toBe('succeeded');
    expect(study.stage).toBe('done');
    expect(study.failedSteps).toEqual([]);
    expect(study.steps.map((s: any) => s.position)).toEqual(
      study.steps.map((_: unknown, k: number) => k + 1),
    );
    expect(study.steps.slice(0, 4).map((s: any) => s.stepId)).toEqual([
      'entropy-index',
      'location-quotient',
      'keyword-count',
      'transform',
    ]);
    expect(study.steps.filter((s: any) => s.phase === 'estimation')).toHaveLength(15);
    for (const step of study.steps) {
      const { status, body } = await alice.client.get(`/analyses/${step.analysisId}`);
      expect(status).toBe(200);
      expect(body.status, step.stepId).toBe('succeeded');
      expect(body.teamId).toBe(alice.teamId);
    }
    // the code version the API recorded on the study, like the provenance of the API's own analyses
    const provenance = await alice.client.get(`/analyses/${study.steps[0].analysisId}/provenance`);
    expect(provenance.status).toBe(200);
    expect(provenance.body.code).toEqual(
      (await alice.client.get(`/analyses/${study.steps.at(-1).analysisId}/provenance`)).body.code,
    );
    expect(provenance.body.code.version).toBe('0.1.0');
  });

  it('stored its panels and weights in the team, with the study as provenance', async () => {
    const analysisPanel = await alice.client.get(`/datasets/${study.datasets.analysis}`);
    expect(analysisPanel.body.recipe).toEqual({
      source: 'study',
      studyId: study.id,
      template: 'digital-resilience',
      role: 'analysis',
    });
    expect(analysisPanel.body.sourceDatasetId).toBe(study.datasets.panel);
    expect(analysisPanel.body.report.units).toBe(40);
    const balanced = await alice.client.get(`/datasets/${study.datasets.balanced}`);
    const knn = await alice.client.get(`/weights/${study.weights.knn}`);
    expect(knn.body.n).toBe(balanced.body.report.units);
    expect(knn.body.recipe).toMatchObject({
      source: 'build',
      method: 'knn',
      datasetId: study.datasets.balanced,
    });
    const sdm = study.steps.find((s: any) => s.stepId === 'sdm-economic');
    const analysis = await alice.client.get(`/analyses/${sdm.analysisId}`);
    expect(analysis.body.datasetId).toBe(study.datasets.balanced);
    expect(analysis.body.spec.weights.id).toBe(study.weights.economic);
  });

  it('serves a report linking every estimation step to its analysis, under a strict CSP', async () => {
    const report = await alice.client.get(`/studies/${study.id}/report`);
    expect(report.status).toBe(200);
    expect(report.headers.get('content-type')).toContain('text/html');
    expect(report.headers.get('content-security-policy')).toContain("default-src 'none'");
    expect(report.headers.get('content-security-policy')).not.toContain('script-src');
    expect(report.body).not.toContain('<script');
    for (const step of study.steps.filter((s: any) => s.phase === 'estimation')) {
      expect(report.body, step.stepId).toContain(`/analyses/${step.analysisId}`);
    }
  });

  it('serves each table, whose numbers are its analysis result', async () => {
    expect(study.report.available).toBe(true);
    const baseline = study.report.tables.find((t: any) => t.id === 'baseline');
    const step = study.steps.find((s: any) => s.stepId === 'baseline-1');
    expect(baseline).toEqual({ id: 'baseline', stepId: 'baseline-1', analysisId: step.analysisId });
    const csv = await alice.client.get(`/studies/${study.id}/tables/baseline?format=csv`);
    expect(csv.status).toBe(200);
    expect(csv.headers.get('content-type')).toContain('text/csv');
    const analysis = await alice.client.get(`/analyses/${step.analysisId}`);
    const lq: number = analysis.body.result.coefficients.lq.estimate;
    const lqRow = csv.body.split('\n').find((line: string) => line.startsWith('lq,'))!;
    expect(lqRow.split(',')[1]).toMatch(new RegExp(`^${lq.toFixed(3).replace('.', '\\.')}\\**$`));
    const tex = await alice.client.get(`/studies/${study.id}/tables/baseline?format=tex`);
    expect(tex.body).toContain('\\toprule');
    expect((await alice.client.get(`/studies/${study.id}/tables/nothing`)).status).toBe(404);
    expect((await alice.client.get(`/studies/${study.id}/tables/baseline?format=pdf`)).status).toBe(400);
  });

  it('is listed for its team and hidden from others', async () => {
    const mine = await alice.client.get(`/studies?teamId=${alice.teamId}`);
    expect(mine.body.map((s: any) => s.id)).toContain(study.id);
    expect((await bob.client.get('/studies')).body.map((s: any) => s.id)).not.toContain(study.id);
    expect((await bob.client.get(`/studies?teamId=${alice.teamId}`)).status).toBe(404);
    for (const path of ['', '/report', '/tables/baseline']) {
      const response = await bob.client.get(`/studies/${study.id}${path}`);
      expect(response.status, path).toBe(404);
      expect(response.body.code).toBe('NOT_FOUND');
    }
    expect((await bob.client.post(`/studies/${study.id}/cancel`)).status).toBe(404);
  });

  it('cannot be cancelled once finished', async () => {
    const response = await alice.client.post(`/studies/${study.id}/cancel`);
    expect(response.status).toBe(409);
  });
});

describe('cancelling a study', () => {
  it('cancels it and its unfinished analyses; its report is never written', async () => {
    // full replications on 120 cities: steps still run when the cancel arrives (a quick one ends in seconds)
    const created = await alice.client.post('/studies', { teamId: alice.teamId, quick: false, cities: 120 });
    const prepared = await until(alice.client, created.body.id, (s) => s.steps.length > 0, 120_000);
    const cancelled = await alice.client.post(`/studies/${prepared.id}/cancel`);
    expect(cancelled.status).toBe(200);
    expect(cancelled.body.status).toBe('cancelled');
    expect((await alice.client.post(`/studies/${prepared.id}/cancel`)).body.status).toBe('cancelled');
    const settled = await until(
      alice.client,
      prepared.id,
      (s) => s.steps.every((step: any) => terminal.has(step.status)),
      120_000,
    );
    expect(settled.status).toBe('cancelled');
    expect(settled.steps.filter((s: any) => s.phase === 'measurement').map((s: any) => s.status)).toEqual(
      Array(4).fill('succeeded'),
    );
    expect(settled.steps.some((s: any) => s.status === 'cancelled')).toBe(true);
    expect(settled.steps.every((s: any) => s.status !== 'failed')).toBe(true);
    expect((await alice.client.get(`/studies/${prepared.id}/report`)).status).toBe(409);
  }, 300_000);
});

describe('POST /studies/sample-dataset', () => {
  it('stores the demo panel of the default seed as a dataset version of the team', async () => {
    const expected = generateDemo(bundledCityListCsv(), { seed: defaultStudySeed }).panelCsv;
    const first = await alice.client.post('/studies/sample-dataset', { teamId: alice.teamId });
    expect(first.status).toBe(201);
    expect(first.body).toMatchObject({
      teamId: alice.teamId,
      name: sampleDatasetName,
      version: 1,
      sha256: createHash('sha256').update(expected).digest('hex'),
      report: { unitColumn: 'code', timeColumn: 'year' },
    });
    const again = await alice.client.post('/studies/sample-dataset', {
      teamId: alice.teamId,
      name: sampleDatasetName,
    });
    expect(again.body.version).toBe(2);
    expect((await bob.client.post('/studies/sample-dataset', { teamId: alice.teamId })).status).toBe(404);
    const bad = await alice.client.post('/studies/sample-dataset', { teamId: alice.teamId, name: '' });
    expect(bad.status).toBe(400);
    expect(bad.body.details.field).toBe('name');
  }, 60_000);
});
