import { AnalysisEntity } from './analysis.entity.js';
import { AnalysisProvenanceEntity } from './analysis-provenance.entity.js';
import { ComparisonEntity } from './comparison.entity.js';
import { DatasetEntity } from './dataset.entity.js';
import { MembershipEntity } from './membership.entity.js';
import { ReplicationChunkEntity } from './replication-chunk.entity.js';
import { SessionEntity } from './session.entity.js';
import { StudyEntity, type StoredStudyTable } from './study.entity.js';
import { StudyStepEntity } from './study-step.entity.js';
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
  StudyEntity,
  StudyStepEntity,
  TeamEntity,
  TeamLimitsEntity,
  UserEntity,
  WeightsMatrixEntity,
};
export type { StoredStudyTable };

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
  StudyEntity,
  StudyStepEntity,
];
