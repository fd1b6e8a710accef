// Writes dist/build-info.json: the code version every new analysis records in its provenance.
// version: the root package.json's; commit: `git rev-parse HEAD` of the checkout being built, or "unknown"
// (a build outside git, e.g. from a source archive).
import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const apiRoot = join(dirname(fileURLToPath(import.meta.url)), '..');
const repoRoot = join(apiRoot, '..', '..');
const { version } = JSON.parse(readFileSync(join(repoRoot, 'package.json'), 'utf8'));
let commit = 'unknown';
try {
  commit = execFileSync('git', ['rev-parse', 'HEAD'], { cwd: repoRoot, stdio: ['ignore', 'pipe', 'ignore'] })
    .toString()
    .trim();
} catch {
  // not a git checkout
}
mkdirSync(join(apiRoot, 'dist'), { recursive: true });
writeFileSync(
  join(apiRoot, 'dist', 'build-info.json'),
  `${JSON.stringify({ version: version ?? 'unknown', commit })}\n`,
);
