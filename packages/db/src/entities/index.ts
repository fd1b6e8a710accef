import { AnalysisEntity } from './analysis.entity.js';
import { DatasetEntity } from './dataset.entity.js';
import { MembershipEntity } from './membership.entity.js';
import { SessionEntity } from './session.entity.js';
import { TeamEntity } from './team.entity.js';
import { UserEntity } from './user.entity.js';
import { WeightsMatrixEntity } from './weights-matrix.entity.js';

export {
  AnalysisEntity,
  DatasetEntity,
  MembershipEntity,
  SessionEntity,
  TeamEntity,
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
];
