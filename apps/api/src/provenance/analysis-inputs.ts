import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import {
  analysisJobId,
  QueueName,
  type AnalysisProvenance,
  type AnalysisSpec,
  type WeightsFormat,
} from '@spillover/contracts';
import { AnalysisEntity, AnalysisProvenanceEntity, DatasetEntity, WeightsMatrixEntity } from '@spillover/db';
import type { Repository } from 'typeorm';
import { notFound } from '../common/not-found.js';
import { TeamAccess } from '../teams/team-access.service.js';

export interface StoredWeightsFile {
  id: string;
  name: string;
  version: number;
  sha256: string;
  format: WeightsFormat;
  content: string;
}

/** An analysis of the caller's team with the dataset version and weights it ran on. */
export interface AnalysisInputs {
  analysis: AnalysisEntity;
  dataset: DatasetEntity;
  weights: StoredWeightsFile | null;
  provenance: AnalysisProvenanceEntity | null;
}

/** Every `seed` in the spec, with its path: impacts.seed, bootstrap.seed, test.permutation.seed… */
export function seedsOf(spec: unknown, path = ''): { path: string; seed: number }[] {
  if (!spec || typeof spec !== 'object') return [];
  return Object.entries(spec as Record<string, unknown>).flatMap(([key, value]) => {
    const here = path ? `${path}.${key}` : key;
    if (key === 'seed' && typeof value === 'number') return [{ path: here, seed: value }];
    return seedsOf(value, here);
  });
}

function weightsIdOf(spec: AnalysisSpec): string | undefined {
  return spec.kind === 'regression' || spec.kind === 'moran' ? spec.weights?.id : undefined;
}

/** Loads analyses with their inputs, scoped to the caller's teams (another team's analysis is NOT_FOUND). */
@Injectable()
export class AnalysisInputsLoader {
  constructor(
    @InjectRepository(AnalysisEntity) private readonly analyses: Repository<AnalysisEntity>,
    @InjectRepository(DatasetEntity) private readonly datasets: Repository<DatasetEntity>,
    @InjectRepository(WeightsMatrixEntity) private readonly weights: Repository<WeightsMatrixEntity>,
    @InjectRepository(AnalysisProvenanceEntity)
    private readonly provenance: Repository<AnalysisProvenanceEntity>,
    private readonly access: TeamAccess,
  ) {}

  async analysis(userId: string, id: string): Promise<AnalysisEntity> {
    const analysis = await this.analyses.findOneBy({ id });
    if (!analysis || !(await this.access.roleIn(userId, analysis.teamId))) throw notFound('analysis', id);
    return analysis;
  }

  /** The analysis with its inputs; `withContent` also reads the dataset's and weights' bytes. */
  async load(userId: string, id: string, withContent = false): Promise<AnalysisInputs> {
    return this.inputsOf(await this.analysis(userId, id), withContent);
  }

  async inputsOf(analysis: AnalysisEntity, withContent = false): Promise<AnalysisInputs> {
    const datasetQuery = this.datasets
      .createQueryBuilder('d')
      .where('d.id = :id', { id: analysis.datasetId });
    if (withContent) datasetQuery.addSelect('d.content');
    const weightsId = weightsIdOf(analysis.spec);
    const weightsQuery = this.weights.createQueryBuilder('w').where('w.id = :id', { id: weightsId });
    if (withContent) weightsQuery.addSelect('w.content');
    const [dataset, weights, provenance] = await Promise.all([
      datasetQuery.getOne(),
      weightsId ? weightsQuery.getOne() : Promise.resolve(null),
      this.provenance.findOneBy({ analysisId: analysis.id }),
    ]);
    if (!dataset) throw notFound('dataset', analysis.datasetId);
    return {
      analysis,
      dataset,
      weights: weights
        ? {
            id: weights.id,
            name: weights.name,
            version: weights.version,
            sha256: weights.sha256,
            format: weights.format,
            content: weights.content ?? '',
          }
        : null,
      provenance,
    };
  }
}

/** The provenance of an analysis: data version and hash, exact spec, code, seeds, worker, queue and timings. */
export function provenanceOf({ analysis, dataset, weights, provenance }: AnalysisInputs): AnalysisProvenance {
  const started = analysis.startedAt?.getTime();
  const finished = analysis.finishedAt?.getTime();
  return {
    analysisId: analysis.id,
    status: analysis.status,
    dataset: {
      id: dataset.id,
      name: dataset.name,
      version: dataset.version,
      sha256: dataset.sha256,
      sizeBytes: dataset.sizeBytes,
      createdAt: dataset.createdAt.toISOString(),
    },
    weights: weights
      ? { id: weights.id, name: weights.name, version: weights.version, sha256: weights.sha256 }
      : null,
    spec: analysis.spec,
    // analyses stored before provenance was recorded do not know their code version
    code: { version: provenance?.codeVersion ?? 'unknown', commit: provenance?.codeCommit ?? 'unknown' },
    seeds: seedsOf(analysis.spec),
    worker: analysis.worker,
    queue: QueueName.Estimation,
    jobId: analysisJobId(analysis.id),
    attempts: analysis.attempts,
    createdAt: analysis.createdAt.toISOString(),
    startedAt: analysis.startedAt?.toISOString() ?? null,
    finishedAt: analysis.finishedAt?.toISOString() ?? null,
    durationMs: started !== undefined && finished !== undefined ? finished - started : null,
    rerunOf: provenance?.rerunOf ?? null,
  };
}
