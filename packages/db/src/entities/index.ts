import { AnalysisEntity } from './analysis.entity.js';
import { AnalysisProvenanceEntity } from './analysis-provenance.entity.js';
import { ComparisonEntity } from './comparison.entity.js';
import { DatasetEntity } from './dataset.entity.js';
import { MembershipEntity } from './membership.entity.js';
import { ReplicationChunkEntity } from './replication-chunk.entity.js';
import { SessionEntity } from './session.entity.js';
import { TeamEntity } from './team.entity.js';
import { TeamLimitsEntity } from './team-limits.entity.js';
import { UserEntity } from './user.entity.js';
import { WeightsMatrixEntity } from './weights-matrix.entity.js';

export {
  AnalysisEntity,
  AnalysisProvenanceEntity,
  ComparisonEntity,
  DatasetEntity,
  MembershipEntity,
  ReplicationChunkEntity,
  SessionEntity,
  TeamEntity,
  TeamLimitsEntity,
  UserEntity,
  WeightsMatrixEntity,
};

export const entities = [
  UserEntity,
  SessionEntity,
  TeamEntity,
  MembershipEntity,
  DatasetEntity,
  AnalysisEntity,
  WeightsMatrixEntity,
  ReplicationChunkEntity,
  TeamLimitsEntity,
  ComparisonEntity,
  AnalysisProvenanceEntity,
];
