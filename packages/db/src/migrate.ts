import { createDataSource } from './data-source.js';
import { runPendingMigrations } from './run-pending-migrations.js';

/** `npm run migrate -w @spillover/db`: applies pending migrations to DATABASE_URL. */
async function main(): Promise<void> {
  const url = process.env.DATABASE_URL;
  if (!url) throw new Error('DATABASE_URL is not set (e.g. postgres://postgres@127.0.0.1:5432/spillover)');
  const dataSource = await createDataSource(url).initialize();
  try {
    const applied = await runPendingMigrations(dataSource);
    for (const name of applied) console.log(`applied ${name}`);
    if (applied.length === 0) console.log('database is up to date');
  } finally {
    await dataSource.destroy();
  }
}

main().catch((error: unknown) => {
  console.error(`migrate: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
