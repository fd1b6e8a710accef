import { randomBytes } from 'node:crypto';
import { Client } from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
// The compiled package: vitest's transform does not emit the decorator metadata TypeORM reads.
import { createDataSource, runPendingMigrations } from '../dist/index.js';

const adminUrl = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const databaseName = `spillover_db_drift_${randomBytes(4).toString('hex')}`;

function databaseUrl(name: string): string {
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return url.toString();
}

async function admin(sql: string): Promise<void> {
  const client = new Client({ connectionString: adminUrl });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

describe('entities and migrations', () => {
  beforeAll(() => admin(`CREATE DATABASE "${databaseName}"`));
  afterAll(() => admin(`DROP DATABASE IF EXISTS "${databaseName}" WITH (FORCE)`));

  it('agree: after all migrations the schema builder has nothing to change', async () => {
    const dataSource = await createDataSource(databaseUrl(databaseName)).initialize();
    try {
      const applied = await runPendingMigrations(dataSource);
      expect(applied.length).toBeGreaterThan(0);
      expect(await runPendingMigrations(dataSource)).toEqual([]);
      const pending = await dataSource.driver.createSchemaBuilder().log();
      expect(pending.upQueries.map((q) => q.query)).toEqual([]);
    } finally {
      await dataSource.destroy();
    }
  });
});
