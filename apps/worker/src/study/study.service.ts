import { bootstrapChunkSize, SpilloverError } from '@spillover/contracts';
import { prepareStudy, type StudyPreparation } from '@spillover/study';
import { UnrecoverableError } from 'bullmq';
import { createHash } from 'node:crypto';
import type { Logger } from '../logger.js';
import type { FlowAdder } from '../queue/job-queue.js';
import { studyFlow } from './study-flow.js';
import { studyReportRecord } from './study-report.js';
import type { StudyStore, StudyToRun } from './study.store.js';

export type StudyOutcome = 'prepared' | 'reported' | 'skipped';

export interface StudyServiceDeps {
  store: StudyStore;
  flows: FlowAdder;
  /** Worker processes taking bootstrap chunks (sizes the chunks as the API does). */
  workerProcesses: () => Promise<number>;
  /** Text of the city list the demo panel is generated from. */
  cityListCsv: () => string;
  log: Logger;
  workerName: string;
}

/**
 * A study template on the queue. StudyPrepare rebuilds the simulated data in process (seconds), stores it
 * with the measurement steps (already run) and one queued analysis per estimation step, then adds the
 * flow whose root is StudyReport. StudyReport rebuilds the same preparation (deterministic in the
 * options; checked against the stored analysis panel), reads the steps' results and stores the report.
 */
export class StudyService {
  constructor(private readonly deps: StudyServiceDeps) {}

  async prepare(studyId: string): Promise<StudyOutcome> {
    const { store, log } = this.deps;
    const study = await this.load(studyId);
    if (study.flowEnqueued || !(await store.markRunning(studyId))) {
      log.info('study already prepared or finished; job skipped', { studyId, status: study.status });
      return 'skipped';
    }
    let analyses = await store.estimationAnalyses(studyId);
    if (analyses.length === 0) {
      const prepared = await store.savePreparation(study, this.preparationOf(study), this.deps.workerName);
      if (!prepared) {
        log.info('study cancelled while it was prepared; nothing queued', { studyId });
        return 'skipped';
      }
      analyses = prepared;
    }
    const workers = await this.deps.workerProcesses().catch(() => 1);
    await this.deps.flows.add(studyFlow(studyId, analyses, (spec) => bootstrapChunkSize(spec, workers)));
    await store.markFlowEnqueued(studyId);
    log.info('study prepared; estimation steps queued', { studyId, steps: analyses.length });
    return 'prepared';
  }

  async report(studyId: string): Promise<StudyOutcome> {
    const { store, log } = this.deps;
    const study = await this.load(studyId);
    if (study.status !== 'running' && study.status !== 'queued') {
      log.info('study already finished; report skipped', { studyId, status: study.status });
      return 'skipped';
    }
    await store.markStage(studyId, 'report');
    const preparation = this.preparationOf(study);
    const rebuilt = createHash('sha256').update(preparation.data.analysisPanelCsv).digest('hex');
    if (study.analysisPanelSha256 !== rebuilt) {
      throw new UnrecoverableError(
        `INTERNAL: study ${studyId}: the rebuilt analysis panel differs from the stored one (code changed since the preparation?)`,
      );
    }
    const record = studyReportRecord(preparation, await store.stepOutcomes(studyId));
    await store.saveReport(studyId, record);
    log.info('study report stored', { studyId, status: record.status, tables: record.tables.length });
    return 'reported';
  }

  private async load(studyId: string): Promise<StudyToRun> {
    const study = await this.deps.store.load(studyId);
    if (!study) throw new UnrecoverableError(`NOT_FOUND: study ${studyId} does not exist`);
    return study;
  }

  private preparationOf(study: StudyToRun): StudyPreparation {
    if (study.template !== 'digital-resilience') {
      throw new SpilloverError('UNSUPPORTED', `template: unknown study template "${study.template}"`, {
        field: 'template',
      });
    }
    const { seed, quick, cities } = study.options;
    return prepareStudy(
      { cityListCsv: this.deps.cityListCsv(), seed, quick, cities: cities ?? undefined },
      (line) => this.deps.log.debug(line, { studyId: study.id }),
    );
  }
}
