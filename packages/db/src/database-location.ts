import { isAbsolute } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

/**
 * Where the data live: a PostgreSQL server (`postgres://…`, `postgresql://…`) or an embedded PGlite
 * folder (`pglite:///absolute/path`, the folder's file URL with the `pglite:` scheme).
 */
export type DatabaseLocation = { kind: 'postgres'; url: string } | { kind: 'pglite'; dataDir: string };

export function databaseLocationOf(url: string): DatabaseLocation {
  const parsed = URL.canParse(url) ? new URL(url) : null;
  if (parsed?.protocol === 'postgres:' || parsed?.protocol === 'postgresql:') {
    return { kind: 'postgres', url };
  }
  if (parsed?.protocol === 'pglite:' && !parsed.host && parsed.pathname.length > 1) {
    return { kind: 'pglite', dataDir: fileURLToPath(`file://${parsed.pathname}`) };
  }
  throw new Error(
    `database URL ${JSON.stringify(url)} is neither postgres://user@host:port/db nor pglite:///absolute/folder`,
  );
}

/** The `pglite:` URL of an absolute data folder. */
export function pgliteUrl(dataDir: string): string {
  if (!isAbsolute(dataDir)) throw new Error(`PGlite data folder ${JSON.stringify(dataDir)} is not absolute`);
  return `pglite://${pathToFileURL(dataDir).pathname}`;
}
