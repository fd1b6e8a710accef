import { Module } from '@nestjs/common';
import { DatabaseModule } from '../database/database.module.js';
import { TeamAccess } from './team-access.service.js';
import { TeamsController } from './teams.controller.js';
import { TeamsService } from './teams.service.js';

@Module({
  imports: [DatabaseModule],
  controllers: [TeamsController],
  providers: [TeamsService, TeamAccess],
  exports: [TeamsService, TeamAccess],
})
export class TeamsModule {}
