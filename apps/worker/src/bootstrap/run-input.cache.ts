import type { MechanismSpec } from '@spillover/core';

/** The spec and dataset text every chunk and the aggregate of one analysis hand to a replication thread. */
export interface RunInput {
  spec: MechanismSpec;
  /** Dataset versions never change, so threads may keep what they parsed of one by this id. */
  datasetId: string;
  panelCsv: string;
}

export interface RunInputLoaders {
  spec(): Promise<{ spec: MechanismSpec; datasetId: string }>;
  datasetCsv(datasetId: string): Promise<string>;
}

/**
 * The run input of the analysis this process loaded last, so its later chunks and its aggregate do not
 * fetch it again, and the text of the dataset version it read last, which the next analysis of the same
 * dataset (a researcher's usual sequence) reuses: a spec and a dataset version never change once they
 * exist (an analysis's status does, and is read afresh by every job). One entry each, since a dataset can
 * be large; a failed load is not kept.
 */
export class RunInputCache {
  private last: { analysisId: string; input: Promise<RunInput> } | null = null;
  private dataset: { id: string; csv: Promise<string> } | null = null;

  get(analysisId: string, load: RunInputLoaders): Promise<RunInput> {
    if (this.last?.analysisId === analysisId) return this.last.input;
    const entry = { analysisId, input: this.load(load) };
    this.last = entry;
    entry.input.catch(() => {
      if (this.last === entry) this.last = null;
    });
    return entry.input;
  }

  private async load(load: RunInputLoaders): Promise<RunInput> {
    const { spec, datasetId } = await load.spec();
    if (this.dataset?.id !== datasetId) {
      const entry = { id: datasetId, csv: load.datasetCsv(datasetId) };
      this.dataset = entry;
      entry.csv.catch(() => {
        if (this.dataset === entry) this.dataset = null;
      });
    }
    return { spec, datasetId, panelCsv: await this.dataset.csv };
  }
}
