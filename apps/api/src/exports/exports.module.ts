import { Module } from '@nestjs/common';
import { AnalysesModule } from '../analyses/analyses.module.js';
import { ComparisonsModule } from '../comparisons/comparisons.module.js';
import { DatabaseModule } from '../database/database.module.js';
import { LimitsModule } from '../limits/limits.module.js';
import { ProvenanceModule } from '../provenance/provenance.module.js';
import { AnalysisExportsController } from './analysis-exports.controller.js';
import { ComparisonExportsController } from './comparison-exports.controller.js';
import { ExportsService } from './exports.service.js';

/** Table exports, provenance, re-runs and replication bundles. */
@Module({
  imports: [DatabaseModule, AnalysesModule, ComparisonsModule, LimitsModule, ProvenanceModule],
  controllers: [AnalysisExportsController, ComparisonExportsController],
  providers: [ExportsService],
})
export class ExportsModule {}
