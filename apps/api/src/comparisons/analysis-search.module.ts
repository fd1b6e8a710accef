import { Module } from '@nestjs/common';
import { DatabaseModule } from '../database/database.module.js';
import { TeamsModule } from '../teams/teams.module.js';
import { AnalysisSearch } from './analysis-search.service.js';

/** Only what the analyses list needs, so AnalysesModule can import it without a cycle. */
@Module({
  imports: [DatabaseModule, TeamsModule],
  providers: [AnalysisSearch],
  exports: [AnalysisSearch],
})
export class AnalysisSearchModule {}
