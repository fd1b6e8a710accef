import 'reflect-metadata';
import { DataSource, type DataSourceOptions } from 'typeorm';
import type { PostgresConnectionOptions } from 'typeorm/driver/postgres/PostgresConnectionOptions.js';
import { databaseLocationOf } from './database-location.js';
import { entities } from './entities/index.js';
import { migrations } from './migrations/index.js';
import { exclusivePool } from './pglite-pool.js';

/**
 * TypeORM options for PostgreSQL, or for an embedded PGlite folder (`pglite:///abs/path`, see
 * databaseLocationOf); schema changes go through migrations, never `synchronize`.
 */
export function dataSourceOptions(url: string): DataSourceOptions {
  const location = databaseLocationOf(url);
  const common: PostgresConnectionOptions = {
    type: 'postgres',
    entities,
    migrations,
    synchronize: false,
    migrationsRun: false,
    // gen_random_uuid() is built into PostgreSQL 13+; no extension needed
    uuidExtension: 'pgcrypto',
    logging: ['error'],
  };
  if (location.kind === 'postgres') return { ...common, url: location.url };
  // gen_random_uuid() is built in; PGlite ships no pgcrypto to install
  return { ...common, driver: { Pool: exclusivePool(location.dataDir) }, installExtensions: false };
}

export function createDataSource(url: string): DataSource {
  return new DataSource(dataSourceOptions(url));
}
