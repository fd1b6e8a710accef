import { createHash } from 'node:crypto';
import { JobName, studyReportJobId, type SerializedError, type StudyJobPayload } from '@spillover/contracts';
import { bundledCityListCsv } from '@spillover/demo';
import { prepareStudy } from '@spillover/study';
import { describe, expect, it, vi } from 'vitest';
import type { Logger } from '../logger.js';
import type { FlowJobSpec, QueueJob } from '../queue/job-queue.js';
import { createStudyHandlers } from './study.handlers.js';
import type { EstimationAnalysis, StudyReportRecord, StudyStore, StudyToRun } from './study.store.js';

const studyId = '0b7d3c1e-2f4a-4c5b-8d6e-7f8091a2b3c4';
const options = { seed: 2, quick: true, cities: 24 };
const preparation = prepareStudy({ cityListCsv: bundledCityListCsv(), ...options });
const panelSha = createHash('sha256').update(preparation.data.analysisPanelCsv).digest('hex');
const log: Logger = { debug: () => {}, info: () => {}, warn: () => {}, error: () => {} };

/** An in-memory StudyStore: the handlers' view of the studies, steps and analyses tables. */
class FakeStore implements StudyStore {
  study: StudyToRun = {
    id: studyId,
    teamId: 'team',
    name: 'fake',
    template: 'digital-resilience',
    createdBy: 'user',
    status: 'queued',
    stage: 'preparation',
    options,
    flowEnqueued: false,
    analysisPanelSha256: null,
    code: { version: '0.1.0', commit: 'abc1234' },
  };
  analyses: EstimationAnalysis[] = [];
  failure: SerializedError | null = null;
  report: StudyReportRecord | null = null;
  savePreparation = vi.fn(async (_study: StudyToRun, prepared: typeof preparation) => {
    if (this.study.status === 'cancelled') return null;
    this.analyses = prepared.plan.map((step, k) => ({
      stepId: step.id,
      analysisId: `analysis-${k}`,
      spec: step.spec as EstimationAnalysis['spec'],
    }));
    this.study = { ...this.study, stage: 'estimation', analysisPanelSha256: panelSha };
    return this.analyses;
  });

  async load(id: string) {
    return id === studyId ? { ...this.study } : null;
  }
  async findUnfinished() {
    return [];
  }
  async markRunning() {
    if (this.study.status !== 'queued' && this.study.status !== 'running') return false;
    this.study.status = 'running';
    return true;
  }
  async estimationAnalyses() {
    return this.analyses;
  }
  async markFlowEnqueued() {
    this.study.flowEnqueued = true;
  }
  async markStage(_id: string, stage: StudyToRun['stage']) {
    this.study.stage = stage;
  }
  async stepOutcomes() {
    const measurement = preparation.measurement.map((step) => ({
      stepId: step.id,
      phase: 'measurement' as const,
      analysisId: `measurement-${step.id}`,
      status: 'succeeded' as const,
      result: step.result,
      error: null,
      seconds: step.seconds,
    }));
    // every estimation step failed on its input: the report is still written
    const estimation = this.analyses.map((a) => ({
      stepId: a.stepId,
      phase: 'estimation' as const,
      analysisId: a.analysisId,
      status: 'failed' as const,
      result: null,
      error: { code: 'SINGULAR_DESIGN' as const, message: `${a.stepId} is singular` },
      seconds: null,
    }));
    return [...measurement, ...estimation];
  }
  async saveReport(_id: string, report: StudyReportRecord) {
    this.report = report;
    this.study.status = report.status;
  }
  async markFailed(_id: string, error: SerializedError) {
    if (this.study.status !== 'queued' && this.study.status !== 'running') return;
    this.failure = error;
    this.study.status = 'failed';
  }
}

function setup(store = new FakeStore()) {
  const flows: FlowJobSpec[] = [];
  const handlers = createStudyHandlers({
    store,
    flows: { add: async (flow) => void flows.push(flow) },
    workers: { getWorkersCount: async () => 2 },
    log,
    workerName: 'test:1',
  });
  return { store, flows, handlers };
}

function job(name: JobName, attemptsMade = 0, data: unknown = { studyId }): QueueJob<StudyJobPayload> {
  return {
    name,
    data: data as StudyJobPayload,
    attemptsMade,
    opts: { attempts: 3 },
    updateProgress: async () => {},
  };
}

describe('StudyPrepare', () => {
  it('stores the preparation once and adds one flow over every estimation step', async () => {
    const { store, flows, handlers } = setup();
    await expect(handlers[JobName.StudyPrepare](job(JobName.StudyPrepare))).resolves.toBe('prepared');
    expect(store.savePreparation).toHaveBeenCalledTimes(1);
    expect(flows).toHaveLength(1);
    expect(flows[0]!.opts?.jobId).toBe(studyReportJobId(studyId));
    expect(flows[0]!.children!.map((c) => (c.data as { analysisId: string }).analysisId)).toEqual(
      store.analyses.map((a) => a.analysisId),
    );
    // re-delivered: nothing stored or added twice
    await expect(handlers[JobName.StudyPrepare](job(JobName.StudyPrepare))).resolves.toBe('skipped');
    expect(store.savePreparation).toHaveBeenCalledTimes(1);
    expect(flows).toHaveLength(1);
  });

  it('re-adds the flow without storing again when the first delivery stopped before adding it', async () => {
    const { store, flows, handlers } = setup();
    store.analyses = [{ stepId: 'baseline-1', analysisId: 'kept', spec: preparation.plan[1]!.spec as never }];
    store.study.status = 'running';
    await handlers[JobName.StudyPrepare](job(JobName.StudyPrepare, 1));
    expect(store.savePreparation).not.toHaveBeenCalled();
    expect(flows[0]!.children).toHaveLength(1);
  });

  it('skips a cancelled study', async () => {
    const { store, flows, handlers } = setup();
    store.study.status = 'cancelled';
    await expect(handlers[JobName.StudyPrepare](job(JobName.StudyPrepare))).resolves.toBe('skipped');
    expect(store.savePreparation).not.toHaveBeenCalled();
    expect(flows).toHaveLength(0);
  });

  it('fails the study at once on bad options, and only on the last attempt otherwise', async () => {
    const bad = setup();
    bad.store.study.options = { ...options, cities: 5 };
    await expect(bad.handlers[JobName.StudyPrepare](job(JobName.StudyPrepare))).rejects.toMatchObject({
      name: 'UnrecoverableError',
    });
    expect(bad.store.failure).toMatchObject({ code: 'VALIDATION_FAILED' });

    const flaky = setup();
    flaky.store.savePreparation.mockRejectedValue(new Error('connection reset'));
    await expect(flaky.handlers[JobName.StudyPrepare](job(JobName.StudyPrepare, 0))).rejects.toThrow(
      'connection reset',
    );
    expect(flaky.store.failure).toBeNull();
    await expect(flaky.handlers[JobName.StudyPrepare](job(JobName.StudyPrepare, 2))).rejects.toThrow(
      'connection reset',
    );
    expect(flaky.store.failure).toEqual({ code: 'INTERNAL', message: 'connection reset' });
  });

  it('refuses a payload without a study id', async () => {
    const { handlers } = setup();
    await expect(handlers[JobName.StudyPrepare](job(JobName.StudyPrepare, 0, {}))).rejects.toThrow(
      'VALIDATION_FAILED',
    );
  });
});

describe('StudyReport', () => {
  it('writes the report even when steps failed, and fails the study naming them', async () => {
    const { store, handlers } = setup();
    await handlers[JobName.StudyPrepare](job(JobName.StudyPrepare));
    await expect(handlers[JobName.StudyReport](job(JobName.StudyReport))).resolves.toBe('reported');
    expect(store.report!.status).toBe('failed');
    expect(store.report!.error!.details!.failedSteps).toEqual(preparation.plan.map((step) => step.id));
    expect(store.report!.error!.code).toBe('SINGULAR_DESIGN');
    expect(store.report!.html).toContain('mediation is singular');
    expect(store.report!.html).toContain('/analyses/analysis-0');
    // only the measurement steps' tables, each with its analysis
    expect(store.report!.tables.length).toBeGreaterThan(0);
    for (const table of store.report!.tables) {
      expect(table.analysisId).toBe(`measurement-${table.stepId}`);
    }
    // delivered again after it finished: nothing rewritten
    store.report = null;
    await expect(handlers[JobName.StudyReport](job(JobName.StudyReport))).resolves.toBe('skipped');
    expect(store.report).toBeNull();
  });

  it('fails the study when the rebuilt data differ from what the preparation stored', async () => {
    const { store, handlers } = setup();
    await handlers[JobName.StudyPrepare](job(JobName.StudyPrepare));
    store.study.analysisPanelSha256 = 'f'.repeat(64);
    await expect(handlers[JobName.StudyReport](job(JobName.StudyReport))).rejects.toMatchObject({
      name: 'UnrecoverableError',
    });
    expect(store.failure!.message).toContain('rebuilt analysis panel differs');
    expect(store.report).toBeNull();
  });
});
