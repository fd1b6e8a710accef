import { Injectable, Logger } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import {
  CreateStudyBody,
  type SerializedError,
  SpilloverError,
  type StudyStepView,
  type StudyView,
} from '@spillover/contracts';
import { AnalysisEntity, StudyEntity, StudyStepEntity, type StoredStudyTable } from '@spillover/db';
import { In, type Repository } from 'typeorm';
import type { QueryDeepPartialEntity } from 'typeorm/query-builder/QueryPartialEntity.js';
import { parseInput } from '../common/zod-issues.js';
import { AnalysisCancelService } from '../jobs/analysis-cancel.service.js';
import { TeamLimits } from '../limits/team-limits.service.js';
import { readCodeVersion } from '../provenance/code-version.js';
import { TeamAccess } from '../teams/team-access.service.js';
import { StudyJobs } from './study-jobs.js';
import { studyView } from './study-view.js';

/** This build's version, recorded on each study for the analyses its worker creates. */
const code = readCodeVersion();

/** Absent and another team's study answer alike. */
function studyNotFound(id: string): SpilloverError {
  return new SpilloverError('NOT_FOUND', `study ${id} not found`, { studyId: id });
}

function defaultName(body: CreateStudyBody): string {
  const cities = body.cities ? `, ${body.cities} cities` : '';
  return `${body.template} seed ${body.seed}${body.quick ? ' quick' : ''}${cities}`;
}

@Injectable()
export class StudiesService {
  private readonly logger = new Logger(StudiesService.name);

  constructor(
    @InjectRepository(StudyEntity) private readonly studies: Repository<StudyEntity>,
    @InjectRepository(StudyStepEntity) private readonly steps: Repository<StudyStepEntity>,
    private readonly access: TeamAccess,
    private readonly limits: TeamLimits,
    private readonly jobs: StudyJobs,
    private readonly cancellation: AnalysisCancelService,
  ) {}

  /** Stores the study (queued) and enqueues its StudyPrepare job; the worker does the rest. */
  async create(userId: string, input: unknown): Promise<StudyView> {
    const body = parseInput(CreateStudyBody, input);
    await this.access.requireMember(userId, body.teamId);
    // a study counts as one submission against the team's limit of analyses queued or running
    const study = await this.limits.admitSubmission(body.teamId, (manager) =>
      manager.save(
        manager.create(StudyEntity, {
          teamId: body.teamId,
          createdBy: userId,
          name: body.name ?? defaultName(body),
          template: body.template,
          options: { seed: body.seed, quick: body.quick, cities: body.cities ?? null },
          status: 'queued',
          stage: 'preparation',
          error: null,
          codeVersion: code.version,
          codeCommit: code.commit,
          datasetIds: null,
          weightsIds: null,
          flowEnqueuedAt: null,
          reportTables: null,
          startedAt: null,
          finishedAt: null,
        }),
      ),
    );
    try {
      await this.jobs.enqueuePrepare(study.id);
    } catch (error) {
      // the row stays queued: the worker's sweeper re-adds the prepare job of a queued study without one
      this.logger.error(
        `study ${study.id} stored but not enqueued: ${error instanceof Error ? error.message : String(error)}`,
      );
    }
    return this.view(study);
  }

  /** Studies of one team, or of every team of the caller, newest first. */
  async list(userId: string, teamId: string | undefined): Promise<StudyView[]> {
    if (teamId) await this.access.requireMember(userId, teamId);
    const teamIds = teamId ? [teamId] : await this.access.teamIdsOf(userId);
    if (teamIds.length === 0) return [];
    const studies = await this.studies.find({ where: { teamId: In(teamIds) }, order: { createdAt: 'DESC' } });
    const steps = await this.stepViews(studies.map((study) => study.id));
    return studies.map((study) => studyView(study, steps.get(study.id) ?? []));
  }

  /** A study of one of the caller's teams; NOT_FOUND otherwise. */
  async find(userId: string, id: string): Promise<StudyEntity> {
    const study = await this.studies.findOneBy({ id });
    if (!study || !(await this.access.roleIn(userId, study.teamId))) throw studyNotFound(id);
    return study;
  }

  async view(study: StudyEntity): Promise<StudyView> {
    return studyView(study, (await this.stepViews([study.id])).get(study.id) ?? []);
  }

  async report(userId: string, id: string): Promise<string> {
    const study = await this.find(userId, id);
    const row = await this.studies.findOne({ where: { id }, select: { id: true, reportHtml: true } });
    if (!row?.reportHtml) {
      throw new SpilloverError('CONFLICT', `study ${id} has no report yet (status ${study.status})`, {
        studyId: id,
        status: study.status,
      });
    }
    return row.reportHtml;
  }

  async table(userId: string, id: string, tableId: string): Promise<StoredStudyTable> {
    await this.find(userId, id);
    const row = await this.studies.findOne({ where: { id }, select: { id: true, reportFiles: true } });
    const table = row?.reportFiles?.find((file) => file.id === tableId);
    if (!table) {
      throw new SpilloverError('NOT_FOUND', `study ${id} has no table "${tableId}"`, {
        studyId: id,
        tableId,
      });
    }
    return table;
  }

  /**
   * The study becomes cancelled for good, and so does each of its queued or running analyses (through
   * POST /analyses/:id/cancel's service: their jobs are removed or stopped). Steps that already ended keep
   * their results. Cancelling a cancelled study is a no-op; a finished one is 409.
   */
  async cancel(userId: string, id: string): Promise<StudyView> {
    const study = await this.find(userId, id);
    const cancelled = await this.finish(id, 'cancelled', null);
    if (!cancelled && study.status !== 'cancelled') {
      const current = await this.studies.findOneByOrFail({ id });
      if (current.status !== 'cancelled') {
        throw new SpilloverError(
          'CONFLICT',
          `study ${id} already ${current.status}; only a queued or running study can be cancelled`,
          { studyId: id, status: current.status },
        );
      }
    }
    const unfinished = await this.steps
      .createQueryBuilder('step')
      .innerJoin(AnalysisEntity, 'analysis', 'analysis.id = step.analysis_id')
      .select('step.analysis_id', 'analysisId')
      .where('step.study_id = :id AND analysis.status IN (:...statuses)', {
        id,
        statuses: ['queued', 'running'],
      })
      .getRawMany<{ analysisId: string }>();
    for (const { analysisId } of unfinished) {
      try {
        await this.cancellation.cancel(userId, analysisId);
      } catch (error) {
        // it finished meanwhile: its result stays
        if (!(error instanceof SpilloverError && error.code === 'CONFLICT')) throw error;
      }
    }
    return this.view(await this.studies.findOneByOrFail({ id }));
  }

  /** Ends a queued or running study; false when it had already ended. */
  private async finish(
    id: string,
    status: 'failed' | 'cancelled',
    error: SerializedError | null,
  ): Promise<boolean> {
    const { affected } = await this.studies
      .createQueryBuilder()
      .update()
      // SerializedError's open index signature does not fit TypeORM's deep-partial type; it is plain JSON
      .set({
        status,
        stage: 'done',
        error: error as QueryDeepPartialEntity<SerializedError>,
        finishedAt: () => 'now()',
      })
      .where({ id, status: In(['queued', 'running']) })
      .execute();
    return (affected ?? 0) > 0;
  }

  /** Steps of the studies with their analyses' status, progress and error, in position order. */
  private async stepViews(studyIds: string[]): Promise<Map<string, StudyStepView[]>> {
    const byStudy = new Map<string, StudyStepView[]>();
    if (studyIds.length === 0) return byStudy;
    const rows = await this.steps
      .createQueryBuilder('step')
      .innerJoin(AnalysisEntity, 'analysis', 'analysis.id = step.analysis_id')
      .select([
        'step.study_id AS "studyId"',
        'step.step_id AS "stepId"',
        'step.title AS title',
        'step.position AS position',
        'step.phase AS phase',
        'step.analysis_id AS "analysisId"',
        'analysis.status AS status',
        'analysis.progress AS progress',
        'analysis.error AS error',
      ])
      .where('step.study_id IN (:...studyIds)', { studyIds })
      .orderBy('step.position', 'ASC')
      .getRawMany<StudyStepView & { studyId: string }>();
    for (const { studyId, ...step } of rows) {
      const list = byStudy.get(studyId) ?? [];
      list.push(step);
      byStudy.set(studyId, list);
    }
    return byStudy;
  }
}
