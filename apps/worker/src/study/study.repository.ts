import type { SerializedError, StudyDatasetIds, StudyStage, StudyWeightsIds } from '@spillover/contracts';
import { parseAnalysisSpec } from '@spillover/core';
import {
  AnalysisEntity,
  AnalysisProvenanceEntity,
  DatasetEntity,
  saveDatasetVersion,
  saveWeightsVersion,
  StudyEntity,
  StudyStepEntity,
} from '@spillover/db';
import type { StudyPreparation } from '@spillover/study';
import { type DataSource, type EntityManager, In } from 'typeorm';
import type { QueryDeepPartialEntity } from 'typeorm/query-builder/QueryPartialEntity.js';
import {
  estimationDatasetId,
  estimationSpec,
  studyDatasetDraft,
  studyDatasetRoles,
  studyWeightsDraft,
} from './study-records.js';
import type {
  EstimationAnalysis,
  StudyReportRecord,
  StudyStepOutcomeRow,
  StudyStore,
  StudyToRun,
  UnfinishedStudy,
} from './study.store.js';

const unfinished = In(['queued', 'running']);

type StepRow = Pick<StudyStepEntity, 'studyId' | 'stepId' | 'position' | 'title' | 'phase' | 'analysisId'>;

function jsonb<T>(value: T): QueryDeepPartialEntity<T> {
  // SerializedError's open index signature does not fit TypeORM's deep-partial type; it is plain JSON
  return value as QueryDeepPartialEntity<T>;
}

/** StudyStore on PostgreSQL through @spillover/db; status guards live in the WHERE clauses. */
export class StudyRepository implements StudyStore {
  constructor(private readonly dataSource: DataSource) {}

  private get studies() {
    return this.dataSource.getRepository(StudyEntity);
  }

  async load(studyId: string): Promise<StudyToRun | null> {
    const study = await this.studies.findOneBy({ id: studyId });
    if (!study) return null;
    const panel = study.datasetIds
      ? await this.dataSource
          .getRepository(DatasetEntity)
          .findOne({ where: { id: study.datasetIds.analysis }, select: { id: true, sha256: true } })
      : null;
    return {
      id: study.id,
      teamId: study.teamId,
      name: study.name,
      template: study.template,
      createdBy: study.createdBy,
      status: study.status,
      stage: study.stage,
      options: study.options,
      flowEnqueued: study.flowEnqueuedAt !== null,
      analysisPanelSha256: panel?.sha256 ?? null,
      code: { version: study.codeVersion, commit: study.codeCommit },
    };
  }

  async findUnfinished(createdBefore: Date): Promise<UnfinishedStudy[]> {
    const rows = await this.studies
      .createQueryBuilder('study')
      .leftJoin(StudyStepEntity, 'step', 'step.study_id = study.id')
      .leftJoin(AnalysisEntity, 'analysis', 'analysis.id = step.analysis_id')
      .select('study.id', 'id')
      .addSelect('study.flow_enqueued_at IS NOT NULL', 'flowEnqueued')
      .addSelect(`COUNT(analysis.id) FILTER (WHERE analysis.status IN ('queued', 'running'))`, 'openSteps')
      .where('study.status IN (:...unfinished)', { unfinished: ['queued', 'running'] })
      .andWhere('study.created_at < :createdBefore', { createdBefore })
      .groupBy('study.id')
      .orderBy('MIN(study.created_at)', 'ASC')
      .getRawMany<{ id: string; flowEnqueued: boolean; openSteps: string | number }>();
    return rows.map((row) => ({ ...row, openSteps: Number(row.openSteps) }));
  }

  async markRunning(studyId: string): Promise<boolean> {
    const { affected } = await this.studies
      .createQueryBuilder()
      .update()
      .set({ status: 'running', startedAt: () => 'COALESCE(started_at, now())' })
      .where({ id: studyId, status: unfinished })
      .execute();
    return (affected ?? 0) > 0;
  }

  estimationAnalyses(studyId: string): Promise<EstimationAnalysis[]> {
    return this.estimationIn(this.dataSource.manager, studyId);
  }

  private async estimationIn(manager: EntityManager, studyId: string): Promise<EstimationAnalysis[]> {
    const rows = await manager
      .createQueryBuilder(StudyStepEntity, 'step')
      .innerJoin(AnalysisEntity, 'analysis', 'analysis.id = step.analysis_id')
      .select(['step.step_id AS "stepId"', 'step.analysis_id AS "analysisId"', 'analysis.spec AS spec'])
      .where('step.study_id = :studyId AND step.phase = :phase', { studyId, phase: 'estimation' })
      .orderBy('step.position', 'ASC')
      .getRawMany<EstimationAnalysis>();
    return rows;
  }

  async savePreparation(
    study: StudyToRun,
    preparation: StudyPreparation,
    worker: string,
  ): Promise<EstimationAnalysis[] | null> {
    return this.dataSource.transaction(async (manager) => {
      // the row lock orders this against a concurrent cancel and a re-delivered job
      const current = await manager
        .createQueryBuilder(StudyEntity, 'study')
        .setLock('pessimistic_write')
        .where('study.id = :id', { id: study.id })
        .getOne();
      if (!current || (current.status !== 'queued' && current.status !== 'running')) return null;
      const existing = await this.estimationIn(manager, study.id);
      if (existing.length > 0) return existing;

      const datasetIds: Partial<StudyDatasetIds> = {};
      let balanced: DatasetEntity | undefined;
      for (const { role, from } of studyDatasetRoles) {
        const saved = await saveDatasetVersion(manager, {
          ...studyDatasetDraft(study, preparation, role),
          sourceDatasetId: from ? datasetIds[from] : null,
        });
        datasetIds[role] = saved.id;
        if (role === 'balanced') balanced = saved;
      }
      const weightsIds: Partial<StudyWeightsIds> = {};
      for (const weights of preparation.weights) {
        const draft = studyWeightsDraft(study, preparation, weights, balanced!);
        weightsIds[weights.key] = (await saveWeightsVersion(manager, draft)).id;
      }
      const ids = datasetIds as StudyDatasetIds;

      const steps: StepRow[] = [];
      const estimation: EstimationAnalysis[] = [];
      const now = Date.now();
      for (const step of preparation.measurement) {
        const spec = parseAnalysisSpec(step.spec);
        const analysis = await manager.save(
          manager.create(AnalysisEntity, {
            ...this.analysisFields(study, step.title, spec),
            datasetId: ids[step.input],
            status: 'succeeded',
            result: step.result,
            worker,
            startedAt: new Date(now - step.seconds * 1000),
            finishedAt: new Date(now),
          }),
        );
        steps.push(this.stepRow(study.id, step, steps.length + 1, 'measurement', analysis.id));
      }
      for (const step of preparation.plan) {
        const spec = estimationSpec(step, weightsIds as StudyWeightsIds);
        const analysis = await manager.save(
          manager.create(AnalysisEntity, {
            ...this.analysisFields(study, step.title, spec),
            datasetId: estimationDatasetId(step, ids),
            status: 'queued',
            result: null,
            worker: null,
            startedAt: null,
            finishedAt: null,
          }),
        );
        steps.push(this.stepRow(study.id, step, steps.length + 1, 'estimation', analysis.id));
        estimation.push({ stepId: step.id, analysisId: analysis.id, spec });
      }
      await manager.insert(StudyStepEntity, steps);
      // the API records this for the analyses it stores, the study's analyses get the study's (in embedded
      // mode the API's recorder, sharing this data source, has already written the same version)
      await manager
        .createQueryBuilder()
        .insert()
        .into(AnalysisProvenanceEntity)
        .values(
          steps.map((step) => ({
            analysisId: step.analysisId,
            codeVersion: study.code.version,
            codeCommit: study.code.commit,
            rerunOf: null,
          })),
        )
        .orIgnore()
        .execute();
      await manager.update(
        StudyEntity,
        { id: study.id },
        { datasetIds: ids, weightsIds: weightsIds as StudyWeightsIds, stage: 'estimation' },
      );
      return estimation;
    });
  }

  private analysisFields(study: StudyToRun, title: string, spec: AnalysisEntity['spec']) {
    return {
      teamId: study.teamId,
      createdBy: study.createdBy,
      title,
      kind: spec.kind,
      model: spec.kind === 'regression' ? spec.model : null,
      spec,
      progress: null,
      error: null,
      attempts: 0,
      derivedDatasetName: null,
      derivedDatasetId: null,
    };
  }

  private stepRow(
    studyId: string,
    step: { id: string; title: string },
    position: number,
    phase: StudyStepEntity['phase'],
    analysisId: string,
  ): StepRow {
    return { studyId, stepId: step.id, position, title: step.title, phase, analysisId };
  }

  async markFlowEnqueued(studyId: string): Promise<void> {
    await this.studies.update({ id: studyId }, { flowEnqueuedAt: () => 'now()' });
  }

  async markStage(studyId: string, stage: StudyStage): Promise<void> {
    await this.studies.update({ id: studyId, status: unfinished }, { stage });
  }

  async stepOutcomes(studyId: string): Promise<StudyStepOutcomeRow[]> {
    const rows = await this.dataSource
      .createQueryBuilder(StudyStepEntity, 'step')
      .innerJoin(AnalysisEntity, 'analysis', 'analysis.id = step.analysis_id')
      .select([
        'step.step_id AS "stepId"',
        'step.phase AS phase',
        'step.analysis_id AS "analysisId"',
        'analysis.status AS status',
        'analysis.result AS result',
        'analysis.error AS error',
        'EXTRACT(EPOCH FROM (analysis.finished_at - analysis.started_at)) AS seconds',
      ])
      .where('step.study_id = :studyId', { studyId })
      .orderBy('step.position', 'ASC')
      .getRawMany<StudyStepOutcomeRow & { seconds: string | number | null }>();
    return rows.map((row) => ({ ...row, seconds: row.seconds === null ? null : Number(row.seconds) }));
  }

  async saveReport(studyId: string, report: StudyReportRecord): Promise<void> {
    await this.studies
      .createQueryBuilder()
      .update()
      .set({
        status: report.status,
        stage: 'done',
        error: jsonb(report.error),
        reportHtml: report.html,
        reportTables: jsonb(report.tables),
        reportFiles: jsonb(report.files),
        finishedAt: () => 'now()',
      })
      .where({ id: studyId, status: unfinished })
      .execute();
  }

  async markFailed(studyId: string, error: SerializedError): Promise<void> {
    await this.dataSource.transaction(async (manager) => {
      const { affected } = await manager
        .createQueryBuilder()
        .update(StudyEntity)
        .set({ status: 'failed', stage: 'done', error: jsonb(error), finishedAt: () => 'now()' })
        .where({ id: studyId, status: unfinished })
        .execute();
      if (!affected) return;
      // its steps that have not run would otherwise be run on their own by the re-queue sweeper
      await manager
        .createQueryBuilder()
        .update(AnalysisEntity)
        .set({ status: 'cancelled', finishedAt: () => 'now()' })
        .where({ status: unfinished })
        .andWhere('id IN (SELECT analysis_id FROM study_steps WHERE study_id = :studyId)', { studyId })
        .execute();
    });
  }
}
