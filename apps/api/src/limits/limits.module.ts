import { Module } from '@nestjs/common';
import { DatabaseModule } from '../database/database.module.js';
import { TeamsModule } from '../teams/teams.module.js';
import { SubmissionLimitGuard, UploadLimitGuard } from './team-limits.guards.js';
import { TeamLimits } from './team-limits.service.js';

@Module({
  imports: [DatabaseModule, TeamsModule],
  providers: [TeamLimits, SubmissionLimitGuard, UploadLimitGuard],
  exports: [TeamLimits, SubmissionLimitGuard, UploadLimitGuard],
})
export class LimitsModule {}
