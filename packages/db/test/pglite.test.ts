import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
// The compiled package: vitest's transform does not emit the decorator metadata TypeORM reads.
import {
  createDataSource,
  databaseLocationOf,
  isEmbedded,
  pgliteUrl,
  runPendingMigrations,
} from '../dist/index.js';

const dataDir = mkdtempSync(join(tmpdir(), 'spillover-pglite-'));

describe('an embedded PGlite folder', () => {
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  it('is named by a pglite:/// URL', () => {
    expect(databaseLocationOf(pgliteUrl('/a b/c'))).toEqual({ kind: 'pglite', dataDir: '/a b/c' });
    expect(databaseLocationOf('postgres://u@h:5432/d')).toEqual({
      kind: 'postgres',
      url: 'postgres://u@h:5432/d',
    });
    expect(() => databaseLocationOf('pglite://relative/path')).toThrow(/pglite:\/\/\/absolute\/folder/);
    expect(() => pgliteUrl('relative')).toThrow(/not absolute/);
  });

  it('takes every migration, agrees with the entities, and keeps its data after a reopen', async () => {
    const first = await createDataSource(pgliteUrl(dataDir)).initialize();
    try {
      expect(isEmbedded(first)).toBe(true);
      const applied = await runPendingMigrations(first);
      expect(applied.length).toBeGreaterThan(0);
      const pending = await first.driver.createSchemaBuilder().log();
      expect(pending.upQueries.map((q) => q.query)).toEqual([]);
      await first.query(`INSERT INTO users (email, name, password_hash) VALUES ('a@b.org', 'A', 'x')`);
    } finally {
      await first.destroy();
    }
    const again = await createDataSource(pgliteUrl(dataDir)).initialize();
    try {
      expect(await runPendingMigrations(again)).toEqual([]);
      expect(await again.query('SELECT email FROM users')).toEqual([{ email: 'a@b.org' }]);
    } finally {
      await again.destroy();
    }
  });

  it('runs concurrent transactions one after the other: a rollback never takes another one’s write', async () => {
    const dataSource = await createDataSource(pgliteUrl(dataDir)).initialize();
    try {
      const failing = dataSource.transaction(async (manager) => {
        await manager.query(`INSERT INTO users (email, name, password_hash) VALUES ('gone@b.org', 'G', 'x')`);
        await new Promise((resolve) => setTimeout(resolve, 50));
        throw new Error('rolled back');
      });
      const kept = dataSource.transaction((manager) =>
        manager.query(`INSERT INTO users (email, name, password_hash) VALUES ('kept@b.org', 'K', 'x')`),
      );
      await expect(failing).rejects.toThrow('rolled back');
      await kept;
      const emails = (await dataSource.query('SELECT email FROM users ORDER BY email')) as {
        email: string;
      }[];
      expect(emails.map((row) => row.email)).toEqual(['a@b.org', 'kept@b.org']);
    } finally {
      await dataSource.destroy();
    }
  });
});
