import { Module } from '@nestjs/common';
import { DatabaseModule } from '../database/database.module.js';
import { ProvenanceModule } from '../provenance/provenance.module.js';
import { TeamsModule } from '../teams/teams.module.js';
import { ComparisonsController } from './comparisons.controller.js';
import { ComparisonsService } from './comparisons.service.js';

@Module({
  imports: [DatabaseModule, TeamsModule, ProvenanceModule],
  controllers: [ComparisonsController],
  providers: [ComparisonsService],
  exports: [ComparisonsService],
})
export class ComparisonsModule {}
