import { Injectable } from '@nestjs/common';
import { InjectDataSource, InjectRepository } from '@nestjs/typeorm';
import {
  SpilloverError,
  type AnalysisSpec,
  type BuildWeightsBody,
  type ContiguityWeightsQuery,
  type UploadWeightsQuery,
  type WeightsRecipe,
  type WeightsView,
} from '@spillover/contracts';
import { parsePanelCsv } from '@spillover/core';
import { type DatasetEntity, saveWeightsVersion, WeightsMatrixEntity } from '@spillover/db';
import type { DataSource, Repository } from 'typeorm';
import { notFound } from '../common/not-found.js';
import { DatasetsService } from '../datasets/datasets.service.js';
import { decodeCsv } from '../datasets/decode-csv.js';
import { TeamAccess } from '../teams/team-access.service.js';
import { panelUnitIds, requireUnitsMatch, storedWeightsId, weightsOfSpec } from './analysis-weights.js';
import { buildWeightTriplets } from './build-weights.js';
import { describeWeights, type DescribedWeights } from './describe-weights.js';
import { edgeListCsv } from './edge-list.js';
import { geojsonContiguity } from './geojson-weights.js';
import { weightsView } from './weights-view.js';

@Injectable()
export class WeightsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @InjectRepository(WeightsMatrixEntity) private readonly weights: Repository<WeightsMatrixEntity>,
    private readonly datasets: DatasetsService,
    private readonly access: TeamAccess,
  ) {}

  /** Validates an uploaded weights file and stores it as the next version of `name`; nothing is stored on failure. */
  async upload(
    userId: string,
    query: UploadWeightsQuery,
    readBody: () => Promise<Buffer>,
  ): Promise<WeightsView> {
    await this.access.requireMember(userId, query.teamId);
    const text = decodeCsv(await readBody());
    const described = describeWeights(text, query.name, query.format);
    return this.store(userId, query.teamId, query.name, text, described, {
      source: 'upload',
      fileName: query.name,
      format: described.format,
    });
  }

  /** Builds weights over the units of a dataset of the same team and stores them as an edge list. */
  async build(userId: string, body: BuildWeightsBody): Promise<WeightsView> {
    await this.access.requireMember(userId, body.teamId);
    const { dataset, content } = await this.datasets.content(userId, body.datasetId);
    if (dataset.teamId !== body.teamId) {
      throw new SpilloverError(
        'NOT_FOUND',
        `datasetId: dataset ${dataset.id} is not in team ${body.teamId}`,
        {
          field: 'datasetId',
          datasetId: dataset.id,
        },
      );
    }
    const panel = parsePanelCsv(
      decodeCsv(content),
      body.unitColumn ?? dataset.unitColumn,
      dataset.timeColumn,
    );
    const text = edgeListCsv(buildWeightTriplets(body, panel));
    const described = describeWeights(text, body.name, 'edges');
    const { teamId, name, ...parameters } = body;
    return this.store(userId, teamId, name, text, described, {
      source: 'build',
      datasetName: dataset.name,
      datasetVersion: dataset.version,
      ...parameters,
    });
  }

  /** Builds queen or rook contiguity weights from uploaded GeoJSON polygons and stores them as an edge list. */
  async contiguity(
    userId: string,
    query: ContiguityWeightsQuery,
    readBody: () => Promise<Buffer>,
  ): Promise<WeightsView> {
    await this.access.requireMember(userId, query.teamId);
    // islands become `u,u,0` rows, so they stay in the stored unit ids
    const text = edgeListCsv(geojsonContiguity(await readBody(), query));
    const described = describeWeights(text, query.name, 'edges');
    const { type, idProperty, snap } = query;
    return this.store(userId, query.teamId, query.name, text, described, {
      source: 'geojson',
      method: 'contiguity',
      type,
      idProperty,
      ...(snap === undefined ? {} : { snap }),
    });
  }

  /** Versions of every name in the team, newest first. */
  async list(userId: string, teamId: string): Promise<WeightsView[]> {
    await this.access.requireMember(userId, teamId);
    const rows = await this.weights.find({
      where: { teamId },
      order: { createdAt: 'DESC', version: 'DESC' },
    });
    return rows.map(weightsView);
  }

  /** Weights of one of the caller's teams (without their text); NOT_FOUND otherwise. */
  async find(userId: string, id: string): Promise<WeightsMatrixEntity> {
    const weights = await this.weights.findOneBy({ id });
    if (!weights || !(await this.access.roleIn(userId, weights.teamId))) throw notFound('weights', id);
    return weights;
  }

  async content(userId: string, id: string): Promise<{ weights: WeightsMatrixEntity; content: string }> {
    const weights = await this.find(userId, id);
    const row = await this.weights
      .createQueryBuilder('w')
      .select('w.content', 'content')
      .where('w.id = :id', { id })
      .getRawOne<{ content: string }>();
    if (!row) throw notFound('weights', id);
    return { weights, content: row.content };
  }

  /**
   * Checks the weights of a spec before an analysis is stored: a stored matrix of the dataset's team
   * (NOT_FOUND otherwise, naming spec.weights.id) whose ids cover every unit of the dataset (INVALID_WEIGHTS
   * listing the missing units). Islands and row standardisation are the analysis' business.
   */
  async checkForAnalysis(userId: string, spec: AnalysisSpec, dataset: DatasetEntity): Promise<void> {
    const weightsSpec = weightsOfSpec(spec);
    if (!weightsSpec) return;
    const id = storedWeightsId(weightsSpec);
    const weights = await this.weights.findOneBy({ id, teamId: dataset.teamId });
    if (!weights) {
      throw new SpilloverError(
        'NOT_FOUND',
        `spec.weights.id: weights ${id} not found in the dataset's team`,
        {
          field: 'spec.weights.id',
          weightsId: id,
        },
      );
    }
    const { content } = await this.datasets.content(userId, dataset.id);
    requireUnitsMatch(
      panelUnitIds(decodeCsv(content), spec.unit),
      weights.unitIds,
      `weights "${weights.name}" v${weights.version}`,
    );
  }

  private async store(
    userId: string,
    teamId: string,
    name: string,
    content: string,
    described: DescribedWeights,
    recipe: WeightsRecipe,
  ): Promise<WeightsView> {
    const saved = await this.dataSource.transaction((manager) =>
      saveWeightsVersion(manager, {
        teamId,
        name,
        format: described.format,
        content,
        unitIds: described.unitIds,
        summary: described.summary,
        recipe,
        createdBy: userId,
      }),
    );
    return weightsView(saved);
  }
}
