import { Module } from '@nestjs/common';
import { DatabaseModule } from '../database/database.module.js';
import { DatasetsModule } from '../datasets/datasets.module.js';
import { TeamsModule } from '../teams/teams.module.js';
import { TextsController } from './texts.controller.js';
import { TextsService } from './texts.service.js';

/**
 * Measurement on the platform: uploaded texts become texts panels; the measurement analyses themselves go
 * through /analyses, and the worker stores their output panels as new dataset versions.
 */
@Module({
  imports: [DatabaseModule, TeamsModule, DatasetsModule],
  controllers: [TextsController],
  providers: [TextsService],
})
export class MeasurementModule {}
