import type { AnalysisResult } from '@spillover/contracts';
import type { MechanismInputs, MechanismSpec, ReplicationChunk } from '@spillover/core';

/** Messages to a replication thread (answers use ThreadMessage<ReplicationOutcome>). */
export type ReplicationTask =
  | {
      type: 'chunk';
      /** Chunks of the same analysis reuse the thread's prepared point estimates. */
      analysisId: string;
      spec: MechanismSpec;
      /** The dataset version of panelCsv: a thread re-parses it only when this changes. */
      datasetId: string;
      panelCsv: string;
      /** Stored weights of spatial mechanism models. */
      inputs: MechanismInputs;
      from: number;
      to: number;
    }
  | {
      type: 'combine';
      /** A thread that ran chunks of this analysis combines on its prepared point estimates. */
      analysisId: string;
      spec: MechanismSpec;
      /** The dataset version of panelCsv: a thread re-parses it only when this changes. */
      datasetId: string;
      panelCsv: string;
      /** Stored weights of spatial mechanism models. */
      inputs: MechanismInputs;
      chunks: ReplicationChunk[];
    };

export type ReplicationOutcome =
  { type: 'chunk'; chunk: ReplicationChunk } | { type: 'combined'; result: AnalysisResult };
