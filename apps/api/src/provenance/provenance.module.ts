import { Module } from '@nestjs/common';
import { DatabaseModule } from '../database/database.module.js';
import { TeamsModule } from '../teams/teams.module.js';
import { AnalysisInputsLoader } from './analysis-inputs.js';
import { ProvenanceRecorder } from './provenance-recorder.js';

/** Provenance of analyses: recorded when they are stored, read with their inputs. */
@Module({
  imports: [DatabaseModule, TeamsModule],
  providers: [ProvenanceRecorder, AnalysisInputsLoader],
  exports: [AnalysisInputsLoader, ProvenanceRecorder],
})
export class ProvenanceModule {}
