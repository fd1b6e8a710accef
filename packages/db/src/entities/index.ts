import { AnalysisEntity } from './analysis.entity.js';
import { DatasetEntity } from './dataset.entity.js';
import { MembershipEntity } from './membership.entity.js';
import { SessionEntity } from './session.entity.js';
import { TeamEntity } from './team.entity.js';
import { UserEntity } from './user.entity.js';

export { AnalysisEntity, DatasetEntity, MembershipEntity, SessionEntity, TeamEntity, UserEntity };

export const entities = [
  UserEntity,
  SessionEntity,
  TeamEntity,
  MembershipEntity,
  DatasetEntity,
  AnalysisEntity,
];
