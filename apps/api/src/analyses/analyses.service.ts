import { Injectable, Logger } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { CreateAnalysisBody, type AnalysisView } from '@spillover/contracts';
import { checkSpecColumns } from '@spillover/core';
import { AnalysisEntity } from '@spillover/db';
import type { Repository } from 'typeorm';
import type { z } from 'zod';
import { notFound } from '../common/not-found.js';
import { validationError } from '../common/zod-issues.js';
import { DatasetsService } from '../datasets/datasets.service.js';
import { AnalysisJobs } from '../jobs/analysis-jobs.service.js';
import { TeamLimits } from '../limits/team-limits.service.js';
import { TeamAccess } from '../teams/team-access.service.js';
import { WeightsService } from '../weights/weights.service.js';
import { derivedDatasetNameOf } from '../measurement/derived-dataset-name.js';
import { analysisView } from './analysis-view.js';

/** Parses the body; problems inside the spec are INVALID_SPEC, others VALIDATION_FAILED (both 400). */
export function parseCreateAnalysisBody(input: unknown): z.output<typeof CreateAnalysisBody> {
  const parsed = CreateAnalysisBody.safeParse(input);
  if (parsed.success) return parsed.data;
  const inSpec = parsed.error.issues.every((issue) => issue.path[0] === 'spec');
  throw validationError(parsed.error, inSpec ? 'INVALID_SPEC' : 'VALIDATION_FAILED');
}

@Injectable()
export class AnalysesService {
  private readonly logger = new Logger(AnalysesService.name);

  constructor(
    @InjectRepository(AnalysisEntity) private readonly analyses: Repository<AnalysisEntity>,
    private readonly datasets: DatasetsService,
    private readonly access: TeamAccess,
    private readonly queue: AnalysisJobs,
    private readonly weights: WeightsService,
    private readonly limits: TeamLimits,
  ) {}

  /** Stores the analysis (queued) and enqueues its fit; the row is the system of record. */
  async create(userId: string, input: unknown): Promise<AnalysisView> {
    const body = parseCreateAnalysisBody(input);
    const dataset = await this.datasets.find(userId, body.datasetId);
    checkSpecColumns(body.spec, dataset.report);
    await this.weights.checkForAnalysis(userId, body.spec, dataset);
    const analysis = await this.limits.admitSubmission(dataset.teamId, (manager) =>
      manager.save(
        manager.create(AnalysisEntity, {
          teamId: dataset.teamId,
          datasetId: dataset.id,
          createdBy: userId,
          title: body.title ?? body.spec.title ?? null,
          kind: body.spec.kind,
          model: body.spec.kind === 'regression' ? body.spec.model : null,
          spec: body.spec,
          status: 'queued',
          progress: null,
          result: null,
          error: null,
          attempts: 0,
          worker: null,
          startedAt: null,
          finishedAt: null,
          derivedDatasetName: derivedDatasetNameOf(body.spec, body.derivedDatasetName),
          derivedDatasetId: null,
        }),
      ),
    );
    try {
      await this.queue.enqueue(analysis.id, body.spec);
    } catch (error) {
      // the row stays queued; the worker's sweeper re-queues queued rows without a job
      this.logger.error(
        `analysis ${analysis.id} stored but not enqueued: ${error instanceof Error ? error.message : String(error)}`,
      );
    }
    return analysisView(analysis);
  }

  /** An analysis of one of the caller's teams; NOT_FOUND otherwise. */
  async find(userId: string, id: string): Promise<AnalysisEntity> {
    const analysis = await this.analyses.findOneBy({ id });
    if (!analysis || !(await this.access.roleIn(userId, analysis.teamId))) throw notFound('analysis', id);
    return analysis;
  }

  /** The row as it is now, for event streams that already checked access. */
  reload(id: string): Promise<AnalysisEntity | null> {
    return this.analyses.findOneBy({ id });
  }
}
