import { Initial1795873431564 } from './0001-initial.js';
import { WeightsMatrices1795960000000 } from './0002-weights-matrices.js';
import { DerivedDatasets1796050000000 } from './0003-derived-datasets.js';
import { ReplicationChunks1796140000000 } from './0004-replication-chunks.js';
import { AdminComparisonsProvenance1796230000000 } from './0005-admin-comparisons-provenance.js';
import { Studies1796320000000 } from './0006-studies.js';

/** In order of application. */
export const migrations = [
  Initial1795873431564,
  WeightsMatrices1795960000000,
  DerivedDatasets1796050000000,
  ReplicationChunks1796140000000,
  AdminComparisonsProvenance1796230000000,
  Studies1796320000000,
];
