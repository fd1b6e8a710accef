import { Module } from '@nestjs/common';
import { DatabaseModule } from '../database/database.module.js';
import { DatasetsModule } from '../datasets/datasets.module.js';
import { AnalysisCancelService } from '../jobs/analysis-cancel.service.js';
import { JobsModule } from '../jobs/jobs.module.js';
import { LimitsModule } from '../limits/limits.module.js';
import { QueueModule } from '../queue/queue.module.js';
import { TeamsModule } from '../teams/teams.module.js';
import { SampleDataset } from './sample-dataset.js';
import { StudiesController } from './studies.controller.js';
import { StudiesService } from './studies.service.js';
import { StudyJobs } from './study-jobs.js';

/** Study templates: POST /studies and its views, report and tables; the sample dataset. */
@Module({
  imports: [DatabaseModule, TeamsModule, DatasetsModule, LimitsModule, JobsModule, QueueModule],
  // JobsModule exports AnalysisJobs, which the cancel service (provided here too) needs
  providers: [StudiesService, StudyJobs, SampleDataset, AnalysisCancelService],
  controllers: [StudiesController],
})
export class StudiesModule {}
