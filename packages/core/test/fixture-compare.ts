/**
 * The fixtures' comparison rule (../shared/fixtures/README.md): a number a matches the expected e
 * when |a − e| ≤ absolute + rel·|e|, rel = tolerance.se for standard errors and tolerance.estimate
 * otherwise; p-values may also differ by 1e-6 absolute.
 */
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

export interface FixtureTolerance {
  estimate: number;
  se: number;
  absolute: number;
  simulated?: number;
}

export interface FixtureCase {
  name: string;
  spec: Record<string, unknown>;
  expected: Record<string, unknown>;
  tolerance: FixtureTolerance;
  source: string;
}

export interface Mismatch {
  path: string;
  expected: number;
  actual: unknown;
  delta: number;
  allowed: number;
}

/** The repository root (three levels above packages/core/test). */
export const repoRoot = resolve(__dirname, '../../..');

export function fixtureDirectory(name: string): string {
  return join(repoRoot, '../shared/fixtures', name);
}

export function readCases(name: string): FixtureCase[] {
  return JSON.parse(readFileSync(join(fixtureDirectory(name), 'cases.json'), 'utf8')) as FixtureCase[];
}

/** Walks `expected` and compares every number with the same path of `actual`. */
export function compareWithFixture(
  expected: unknown,
  actual: unknown,
  tolerance: FixtureTolerance,
  path = '',
  out: { mismatches: Mismatch[]; maxRelative: number; count: number } = {
    mismatches: [],
    maxRelative: 0,
    count: 0,
  },
): { mismatches: Mismatch[]; maxRelative: number; count: number } {
  if (typeof expected === 'number') {
    out.count++;
    const isSe = /\.se$/.test(path);
    const rel = isSe ? tolerance.se : tolerance.estimate;
    const absolute = /\.p$/.test(path) ? Math.max(tolerance.absolute, 1e-6) : tolerance.absolute;
    const allowed = absolute + rel * Math.abs(expected);
    if (typeof actual !== 'number' || !Number.isFinite(actual)) {
      out.mismatches.push({ path, expected, actual, delta: NaN, allowed });
      return out;
    }
    const delta = Math.abs(actual - expected);
    if (expected !== 0 && !/\.p$/.test(path))
      out.maxRelative = Math.max(out.maxRelative, delta / Math.abs(expected));
    if (delta > allowed) out.mismatches.push({ path, expected, actual, delta, allowed });
    return out;
  }
  if (expected !== null && typeof expected === 'object') {
    for (const [key, value] of Object.entries(expected)) {
      const next =
        actual !== null && typeof actual === 'object' ? (actual as Record<string, unknown>)[key] : undefined;
      compareWithFixture(value, next, tolerance, `${path}.${key}`, out);
    }
    return out;
  }
  if (expected !== actual) out.mismatches.push({ path, expected: NaN, actual, delta: NaN, allowed: 0 });
  return out;
}

export function describeMismatches(name: string, mismatches: Mismatch[]): string {
  return mismatches
    .map(
      (m) =>
        `${name} ${m.path}: expected ${m.expected}, actual ${String(m.actual)}, delta ${m.delta.toExponential(3)}, tolerance ${m.allowed.toExponential(3)}`,
    )
    .join('\n');
}
