import type { AnalysisSpec, AnalysisStatus } from '@spillover/contracts';
import type { ReplicationChunk } from '@spillover/core';

/** What split replications read and write besides the analyses row (implemented by ReplicationRepository). */
export interface ReplicationStore {
  /**
   * queued → running (attempts + 1, startedAt, worker) on the first chunk; true while the analysis is
   * queued or running, false once it succeeded, failed or was cancelled (the chunk is then skipped).
   */
  startRun(analysisId: string, worker: string): Promise<boolean>;
  /** The analysis's spec and dataset version; null when no such analysis exists. */
  loadRunSpec(analysisId: string): Promise<{ spec: AnalysisSpec; datasetId: string } | null>;
  /** A dataset version's CSV, decoded as UTF-8; null when it does not exist. */
  loadDatasetCsv(datasetId: string): Promise<string | null>;
  /** The analysis's status now; null when it does not exist. */
  statusOf(analysisId: string): Promise<AnalysisStatus | null>;
  /** Stores a chunk keyed by (analysis, from, to): a retried chunk overwrites its row. */
  saveChunk(analysisId: string, chunk: ReplicationChunk, worker: string): Promise<void>;
  /** The stored chunks of these ranges, in range order; ranges not stored yet are missing from the answer. */
  loadChunks(
    analysisId: string,
    kind: ReplicationChunk['kind'],
    ranges: [number, number][],
  ): Promise<ReplicationChunk[]>;
}

/** Chunk values as stored: float64, little-endian, NaN where a replication failed. */
export function encodeValues(values: (number | null)[]): Buffer {
  const array = Float64Array.from(values, (v) => (v === null ? NaN : v));
  return Buffer.from(array.buffer, array.byteOffset, array.byteLength);
}

export function decodeValues(bytes: Buffer): (number | null)[] {
  const array = new Float64Array(bytes.byteLength / 8);
  new Uint8Array(array.buffer).set(bytes);
  return Array.from(array, (v) => (Number.isNaN(v) ? null : v));
}
