import { Module } from '@nestjs/common';
import { DatabaseModule } from '../database/database.module.js';
import { DatasetsModule } from '../datasets/datasets.module.js';
import { QueueModule } from '../queue/queue.module.js';
import { TeamsModule } from '../teams/teams.module.js';
import { WeightsModule } from '../weights/weights.module.js';
import { AnalysesController } from './analyses.controller.js';
import { AnalysesService } from './analyses.service.js';

@Module({
  imports: [DatabaseModule, TeamsModule, DatasetsModule, WeightsModule, QueueModule],
  controllers: [AnalysesController],
  providers: [AnalysesService],
})
export class AnalysesModule {}
