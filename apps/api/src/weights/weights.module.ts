import { Module } from '@nestjs/common';
import { DatabaseModule } from '../database/database.module.js';
import { DatasetsModule } from '../datasets/datasets.module.js';
import { TeamsModule } from '../teams/teams.module.js';
import { WeightsController } from './weights.controller.js';
import { WeightsService } from './weights.service.js';

@Module({
  imports: [DatabaseModule, TeamsModule, DatasetsModule],
  controllers: [WeightsController],
  providers: [WeightsService],
  exports: [WeightsService],
})
export class WeightsModule {}
