import { Module, type DynamicModule } from '@nestjs/common';
import { AdminModule } from './admin/admin.module.js';
import { AnalysesModule } from './analyses/analyses.module.js';
import { ComparisonsModule } from './comparisons/comparisons.module.js';
import { ExportsModule } from './exports/exports.module.js';
import { ProvenanceModule } from './provenance/provenance.module.js';
import { AuthModule } from './auth/auth.module.js';
import type { AppConfig } from './config/app-config.js';
import { ConfigModule } from './config/config.module.js';
import { DatabaseModule } from './database/database.module.js';
import { DatasetsModule } from './datasets/datasets.module.js';
import { HealthModule } from './health/health.module.js';
import { MeasurementModule } from './measurement/measurement.module.js';
import { StudiesModule } from './studies/studies.module.js';
import { TeamsModule } from './teams/teams.module.js';
import { WeightsModule } from './weights/weights.module.js';

@Module({})
export class AppModule {
  static forRoot(config: AppConfig): DynamicModule {
    return {
      module: AppModule,
      imports: [
        ConfigModule.forRoot(config),
        DatabaseModule,
        AuthModule,
        TeamsModule,
        DatasetsModule,
        WeightsModule,
        AnalysesModule,
        MeasurementModule,
        HealthModule,
        AdminModule,
        ProvenanceModule,
        ComparisonsModule,
        ExportsModule,
        StudiesModule,
      ],
    };
  }
}
