import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import {
  SpilloverError,
  type ComparisonTable,
  type ComparisonView,
  type CreateComparisonBody,
  type UpdateComparisonBody,
} from '@spillover/contracts';
import { ComparisonEntity } from '@spillover/db';
import { buildComparisonTable, type TableModel } from '@spillover/export';
import type { Repository } from 'typeorm';
import { TeamAccess } from '../teams/team-access.service.js';
import { AnalysisInputsLoader, type AnalysisInputs } from '../provenance/analysis-inputs.js';

export function comparisonView(comparison: ComparisonEntity): ComparisonView {
  return {
    id: comparison.id,
    teamId: comparison.teamId,
    title: comparison.title,
    analysisIds: comparison.analysisIds,
    columnLabels: comparison.columnLabels,
    modelTitles: comparison.modelTitles,
    variableLabels: comparison.variableLabels,
    createdBy: comparison.createdBy,
    createdAt: comparison.createdAt.toISOString(),
    updatedAt: comparison.updatedAt.toISOString(),
  };
}

function comparisonNotFound(id: string): SpilloverError {
  return new SpilloverError('NOT_FOUND', `comparison ${id} not found`, { comparisonId: id });
}

/** `labels` aligned with `count` columns: missing entries are '' (the default label). */
function aligned(field: string, labels: string[] | undefined, count: number): string[] {
  if (labels === undefined) return Array.from({ length: count }, () => '');
  if (labels.length !== count) {
    throw new SpilloverError(
      'VALIDATION_FAILED',
      `${field}: has ${labels.length} entries for ${count} analyses`,
      { field },
    );
  }
  return labels;
}

/** Saved comparisons of a team's regressions, and their tables. */
@Injectable()
export class ComparisonsService {
  constructor(
    @InjectRepository(ComparisonEntity) private readonly comparisons: Repository<ComparisonEntity>,
    private readonly access: TeamAccess,
    private readonly inputs: AnalysisInputsLoader,
  ) {}

  async create(userId: string, body: CreateComparisonBody): Promise<ComparisonView> {
    await this.access.requireMember(userId, body.teamId);
    await this.checkAnalyses(userId, body.teamId, body.analysisIds);
    const saved = await this.comparisons.save(
      this.comparisons.create({
        teamId: body.teamId,
        createdBy: userId,
        title: body.title,
        analysisIds: body.analysisIds,
        columnLabels: aligned('columnLabels', body.columnLabels, body.analysisIds.length),
        modelTitles: aligned('modelTitles', body.modelTitles, body.analysisIds.length),
        variableLabels: body.variableLabels ?? {},
      }),
    );
    return comparisonView(saved);
  }

  async list(userId: string, teamId: string): Promise<ComparisonView[]> {
    await this.access.requireMember(userId, teamId);
    const rows = await this.comparisons.find({ where: { teamId }, order: { updatedAt: 'DESC' } });
    return rows.map(comparisonView);
  }

  /** A comparison of one of the caller's teams; NOT_FOUND otherwise. */
  async find(userId: string, id: string): Promise<ComparisonEntity> {
    const comparison = await this.comparisons.findOneBy({ id });
    if (!comparison || !(await this.access.roleIn(userId, comparison.teamId))) throw comparisonNotFound(id);
    return comparison;
  }

  /** Changes title, columns (order), labels; labels must stay aligned with the analyses. */
  async update(userId: string, id: string, body: UpdateComparisonBody): Promise<ComparisonView> {
    const comparison = await this.find(userId, id);
    const analysisIds = body.analysisIds ?? comparison.analysisIds;
    if (body.analysisIds) await this.checkAnalyses(userId, comparison.teamId, analysisIds);
    const reordered = body.analysisIds !== undefined;
    comparison.title = body.title ?? comparison.title;
    comparison.analysisIds = analysisIds;
    comparison.columnLabels = aligned(
      'columnLabels',
      body.columnLabels ?? (reordered ? undefined : comparison.columnLabels),
      analysisIds.length,
    );
    comparison.modelTitles = aligned(
      'modelTitles',
      body.modelTitles ?? (reordered ? undefined : comparison.modelTitles),
      analysisIds.length,
    );
    comparison.variableLabels = body.variableLabels ?? comparison.variableLabels;
    return comparisonView(await this.comparisons.save(comparison));
  }

  async remove(userId: string, id: string): Promise<void> {
    const comparison = await this.find(userId, id);
    await this.comparisons.delete({ id: comparison.id });
  }

  /** The analyses of a comparison with their inputs, in column order. */
  async columns(
    userId: string,
    comparison: ComparisonEntity,
    withContent = false,
  ): Promise<AnalysisInputs[]> {
    return Promise.all(comparison.analysisIds.map((id) => this.inputs.load(userId, id, withContent)));
  }

  tableOf(comparison: ComparisonEntity, columns: AnalysisInputs[], digits?: number): ComparisonTable {
    const models: TableModel[] = columns.map(({ analysis, weights }, i) => {
      if (analysis.status !== 'succeeded' || !analysis.result) {
        throw new SpilloverError(
          'UNSUPPORTED',
          `column ${i + 1}: analysis ${analysis.id} is ${analysis.status}, not succeeded`,
          {
            analysisId: analysis.id,
          },
        );
      }
      return {
        analysisId: analysis.id,
        spec: analysis.spec,
        result: analysis.result,
        weights: weights ? { name: weights.name, version: weights.version } : null,
        label: comparison.columnLabels[i] || undefined,
        title: comparison.modelTitles[i] || undefined,
      };
    });
    return buildComparisonTable(models, {
      title: comparison.title,
      variableLabels: comparison.variableLabels,
      digits,
    });
  }

  async table(userId: string, id: string, digits?: number): Promise<ComparisonTable> {
    const comparison = await this.find(userId, id);
    return this.tableOf(comparison, await this.columns(userId, comparison), digits);
  }

  /** Every analysis must be a succeeded regression of the comparison's team. */
  private async checkAnalyses(userId: string, teamId: string, analysisIds: string[]): Promise<void> {
    for (const [i, id] of analysisIds.entries()) {
      const analysis = await this.inputs.analysis(userId, id);
      const field = `analysisIds[${i}]`;
      if (analysis.teamId !== teamId) {
        throw new SpilloverError('VALIDATION_FAILED', `${field}: analysis ${id} belongs to another team`, {
          field,
          analysisId: id,
        });
      }
      if (analysis.kind !== 'regression') {
        throw new SpilloverError(
          'UNSUPPORTED',
          `${field}: analysis ${id} is a ${analysis.kind} analysis; only regressions can be compared`,
          {
            field,
            analysisId: id,
          },
        );
      }
      if (analysis.status !== 'succeeded') {
        throw new SpilloverError(
          'UNSUPPORTED',
          `${field}: analysis ${id} is ${analysis.status}; only succeeded analyses can be compared`,
          {
            field,
            analysisId: id,
          },
        );
      }
    }
  }
}
