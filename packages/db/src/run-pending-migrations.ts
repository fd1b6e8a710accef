import type { DataSource } from 'typeorm';

/** Arbitrary constant naming the advisory lock held while migrations run. */
const migrationLockKey = 7_305_211_001;

/**
 * Applies pending migrations, each in its own transaction, under a PostgreSQL advisory lock, so an API
 * and a worker starting at the same time cannot both run the same migration. Returns the names applied.
 */
export async function runPendingMigrations(dataSource: DataSource): Promise<string[]> {
  const lockRunner = dataSource.createQueryRunner();
  await lockRunner.connect();
  try {
    await lockRunner.query('SELECT pg_advisory_lock($1)', [migrationLockKey]);
    const applied = await dataSource.runMigrations({ transaction: 'each' });
    return applied.map((migration) => migration.name);
  } finally {
    await lockRunner.query('SELECT pg_advisory_unlock($1)', [migrationLockKey]).catch(() => undefined);
    await lockRunner.release();
  }
}
