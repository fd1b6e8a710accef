import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import {
  SpilloverError,
  weightsFileName,
  type AnalysisProvenance,
  type AnalysisView,
  type ComparisonTable,
} from '@spillover/contracts';
import { AnalysisProvenanceEntity } from '@spillover/db';
import {
  analysisBundle,
  buildAnalysisTable,
  comparisonBundle,
  safeFileName,
  type BundleAnalysis,
} from '@spillover/export';
import type { Repository } from 'typeorm';
import { AnalysesService } from '../analyses/analyses.service.js';
import { ComparisonsService } from '../comparisons/comparisons.service.js';
import { AnalysisInputsLoader, provenanceOf, type AnalysisInputs } from '../provenance/analysis-inputs.js';

function titleOf({ analysis }: AnalysisInputs): string {
  return (
    analysis.title ??
    `${analysis.kind}${analysis.model ? ` ${analysis.model}` : ''} ${analysis.id.slice(0, 8)}`
  );
}

function bundleAnalysis(inputs: AnalysisInputs): BundleAnalysis {
  const { analysis, dataset, weights } = inputs;
  return {
    id: analysis.id,
    title: titleOf(inputs),
    spec: analysis.spec,
    result: analysis.result,
    provenance: provenanceOf(inputs),
    dataset: { fileName: safeFileName(`${dataset.name}-v${dataset.version}.csv`), content: dataset.content },
    weights: weights
      ? {
          fileName: safeFileName(weightsFileName(`${weights.name}-v${weights.version}`, weights.format)),
          format: weights.format,
          content: weights.content,
        }
      : null,
  };
}

/** Tables, provenance, re-runs and replication bundles of analyses and comparisons. */
@Injectable()
export class ExportsService {
  constructor(
    private readonly inputs: AnalysisInputsLoader,
    private readonly comparisons: ComparisonsService,
    private readonly analyses: AnalysesService,
    @InjectRepository(AnalysisProvenanceEntity)
    private readonly provenance: Repository<AnalysisProvenanceEntity>,
  ) {}

  async analysisProvenance(userId: string, id: string): Promise<AnalysisProvenance> {
    return provenanceOf(await this.inputs.load(userId, id));
  }

  private tableOfInputs(inputs: AnalysisInputs, digits?: number): ComparisonTable {
    const { analysis, weights } = inputs;
    if (analysis.status !== 'succeeded' || !analysis.result) {
      throw new SpilloverError(
        'UNSUPPORTED',
        `analysis ${analysis.id} is ${analysis.status}: only a succeeded analysis has a table`,
        {
          analysisId: analysis.id,
        },
      );
    }
    return buildAnalysisTable(
      {
        analysisId: analysis.id,
        spec: analysis.spec,
        result: analysis.result,
        weights: weights ? { name: weights.name, version: weights.version } : null,
      },
      { title: titleOf(inputs), digits },
    );
  }

  async analysisTable(
    userId: string,
    id: string,
    digits?: number,
  ): Promise<{ table: ComparisonTable; stem: string }> {
    const inputs = await this.inputs.load(userId, id);
    return { table: this.tableOfInputs(inputs, digits), stem: `analysis-${id.slice(0, 8)}` };
  }

  async comparisonTable(
    userId: string,
    id: string,
    digits?: number,
  ): Promise<{ table: ComparisonTable; stem: string }> {
    const comparison = await this.comparisons.find(userId, id);
    const table = this.comparisons.tableOf(
      comparison,
      await this.comparisons.columns(userId, comparison),
      digits,
    );
    return { table, stem: `comparison-${safeFileName(comparison.title).slice(0, 60)}` };
  }

  /** ZIP of one analysis; its table is included when the kind has one. */
  async analysisBundle(userId: string, id: string): Promise<Uint8Array> {
    const inputs = await this.inputs.load(userId, id, true);
    let table: ComparisonTable | undefined;
    try {
      table = this.tableOfInputs(inputs);
    } catch (error) {
      if (!(error instanceof SpilloverError && error.code === 'UNSUPPORTED')) throw error;
    }
    return analysisBundle(bundleAnalysis(inputs), table);
  }

  async comparisonBundle(userId: string, id: string): Promise<Uint8Array> {
    const comparison = await this.comparisons.find(userId, id);
    const columns = await this.comparisons.columns(userId, comparison, true);
    return comparisonBundle(
      comparison.title,
      this.comparisons.tableOf(comparison, columns),
      columns.map(bundleAnalysis),
    );
  }

  /**
   * A new analysis with the same spec on the same dataset version (seeds included, so the numbers are the
   * same); the team's limits apply as to any submission (AnalysesService.create admits it).
   */
  async rerun(userId: string, id: string): Promise<AnalysisView> {
    const original = await this.inputs.analysis(userId, id);
    const created = await this.analyses.create(userId, {
      datasetId: original.datasetId,
      spec: original.spec,
      ...(original.title ? { title: original.title } : {}),
      ...(original.derivedDatasetName ? { derivedDatasetName: original.derivedDatasetName } : {}),
    });
    await this.provenance.update({ analysisId: created.id }, { rerunOf: original.id });
    return created;
  }
}
