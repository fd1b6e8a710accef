import { Logger, Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { dataSourceOptions, entities, runPendingMigrations } from '@spillover/db';
import { mkdirSync } from 'node:fs';
import { DataSource } from 'typeorm';
import { APP_CONFIG, type AppConfig } from '../config/app-config.js';

/**
 * The database: PostgreSQL in full mode, an embedded PGlite folder in embedded mode; pending migrations
 * are applied before the API serves anything.
 */
@Module({
  imports: [
    TypeOrmModule.forRootAsync({
      inject: [APP_CONFIG],
      useFactory: (config: AppConfig) => {
        if (config.dataDir) mkdirSync(config.dataDir, { recursive: true });
        return {
          ...dataSourceOptions(config.databaseUrl),
          // reachability was checked at boot; a failure here is not worth a long retry loop
          retryAttempts: 1,
          retryDelay: 1000,
        };
      },
      dataSourceFactory: async (options) => {
        const dataSource = await new DataSource(options!).initialize();
        const applied = await runPendingMigrations(dataSource);
        const logger = new Logger('Database');
        if (applied.length > 0) logger.log(`applied migrations: ${applied.join(', ')}`);
        return dataSource;
      },
    }),
    TypeOrmModule.forFeature(entities),
  ],
  exports: [TypeOrmModule],
})
export class DatabaseModule {}
