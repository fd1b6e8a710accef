import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { CodeVersion } from '@spillover/contracts';

/**
 * The code version of this build, from dist/build-info.json (written by scripts/write-build-info.mjs at
 * build time); without that file (a bare `tsc` build) the root package.json's version and commit "unknown".
 */
export function readCodeVersion(distDirectory = join(__dirname, '..')): CodeVersion {
  const buildInfo = join(distDirectory, 'build-info.json');
  if (existsSync(buildInfo)) {
    const parsed = JSON.parse(readFileSync(buildInfo, 'utf8')) as Partial<CodeVersion>;
    return { version: parsed.version ?? 'unknown', commit: parsed.commit ?? 'unknown' };
  }
  const rootPackage = join(distDirectory, '..', '..', '..', 'package.json');
  const version = existsSync(rootPackage)
    ? ((JSON.parse(readFileSync(rootPackage, 'utf8')) as { version?: string }).version ?? 'unknown')
    : 'unknown';
  return { version, commit: 'unknown' };
}
