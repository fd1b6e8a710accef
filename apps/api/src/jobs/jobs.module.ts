import { Module } from '@nestjs/common';
import { DatabaseModule } from '../database/database.module.js';
import { QueueModule } from '../queue/queue.module.js';
import { TeamsModule } from '../teams/teams.module.js';
import { AnalysisCancelController } from './analysis-cancel.controller.js';
import { AnalysisCancelService } from './analysis-cancel.service.js';
import { AnalysisJobs } from './analysis-jobs.service.js';

/** Enqueueing analyses (single jobs or split-replication flows) and cancelling them. */
@Module({
  imports: [DatabaseModule, TeamsModule, QueueModule],
  controllers: [AnalysisCancelController],
  providers: [AnalysisJobs, AnalysisCancelService],
  exports: [AnalysisJobs],
})
export class JobsModule {}
