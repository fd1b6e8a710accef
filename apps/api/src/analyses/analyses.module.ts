import { Module } from '@nestjs/common';
import { DatabaseModule } from '../database/database.module.js';
import { DatasetsModule } from '../datasets/datasets.module.js';
import { JobsModule } from '../jobs/jobs.module.js';
import { QueueModule } from '../queue/queue.module.js';
import { TeamsModule } from '../teams/teams.module.js';
import { WeightsModule } from '../weights/weights.module.js';
import { AnalysesController } from './analyses.controller.js';
import { AnalysesService } from './analyses.service.js';
import { AnalysisSearchModule } from '../comparisons/analysis-search.module.js';
import { LimitsModule } from '../limits/limits.module.js';

@Module({
  imports: [
    DatabaseModule,
    TeamsModule,
    DatasetsModule,
    WeightsModule,
    QueueModule,
    JobsModule,
    LimitsModule,
    AnalysisSearchModule,
  ],
  controllers: [AnalysesController],
  providers: [AnalysesService],
  // re-runs (ComparisonsModule) submit through the same service
  exports: [AnalysesService],
})
export class AnalysesModule {}
