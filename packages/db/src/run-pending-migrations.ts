import type { DataSource } from 'typeorm';

/** Arbitrary constant naming the advisory lock held while migrations run. */
const migrationLockKey = 7_305_211_001;

/**
 * Applies pending migrations, each in its own transaction, under a PostgreSQL advisory lock, so an API
 * and a worker starting at the same time cannot both run the same migration. Returns the names applied.
 * An embedded PGlite database has one process and one session: no lock is needed, and holding one
 * session for it would leave none for the migrations.
 */
export async function runPendingMigrations(dataSource: DataSource): Promise<string[]> {
  if (isEmbedded(dataSource)) return names(await dataSource.runMigrations({ transaction: 'each' }));
  const lockRunner = dataSource.createQueryRunner();
  await lockRunner.connect();
  try {
    await lockRunner.query('SELECT pg_advisory_lock($1)', [migrationLockKey]);
    return names(await dataSource.runMigrations({ transaction: 'each' }));
  } finally {
    await lockRunner.query('SELECT pg_advisory_unlock($1)', [migrationLockKey]).catch(() => undefined);
    await lockRunner.release();
  }
}

/** True for a data source on a PGlite folder (see dataSourceOptions). */
export function isEmbedded(dataSource: DataSource): boolean {
  return dataSource.options.type === 'postgres' && dataSource.options.driver !== undefined;
}

function names(migrations: { name: string }[]): string[] {
  return migrations.map((migration) => migration.name);
}
