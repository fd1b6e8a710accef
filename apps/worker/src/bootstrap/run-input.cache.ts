import type { MechanismSpec } from '@spillover/core';

/** The spec and dataset text every chunk and the aggregate of one analysis hand to a replication thread. */
export interface RunInput {
  spec: MechanismSpec;
  panelCsv: string;
}

/**
 * The run input of the analysis this process loaded last, so its later chunks and its aggregate do not
 * fetch the dataset again: an analysis's spec and dataset version never change once it exists (its
 * status does, and is read afresh by every job). One entry, since a dataset can be large; a failed load
 * is not kept.
 */
export class RunInputCache {
  private last: { analysisId: string; input: Promise<RunInput> } | null = null;

  get(analysisId: string, load: () => Promise<RunInput>): Promise<RunInput> {
    if (this.last?.analysisId === analysisId) return this.last.input;
    const entry = { analysisId, input: load() };
    this.last = entry;
    entry.input.catch(() => {
      if (this.last === entry) this.last = null;
    });
    return entry.input;
  }
}
