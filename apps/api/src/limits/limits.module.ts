import { Module } from '@nestjs/common';
import { DatabaseModule } from '../database/database.module.js';
import { TeamsModule } from '../teams/teams.module.js';
import { UploadLimitGuard } from './team-limits.guards.js';
import { TeamLimits } from './team-limits.service.js';

@Module({
  imports: [DatabaseModule, TeamsModule],
  providers: [TeamLimits, UploadLimitGuard],
  exports: [TeamLimits, UploadLimitGuard],
})
export class LimitsModule {}
