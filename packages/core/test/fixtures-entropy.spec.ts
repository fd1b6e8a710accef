/**
 * The entropy-weight fixture (../shared/fixtures/entropy): weights, entropy, divergence, group
 * weights and every unit-year's score and group scores against base R.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseAnalysisSpec, runAnalysis } from '../src/index.js';
import { compareWithFixture, describeMismatches, fixtureDirectory, readCases } from './fixture-compare.js';

const cases = readCases('entropy');

describe('entropy fixture', () => {
  for (const fixture of cases) {
    it(fixture.name, () => {
      const spec = parseAnalysisSpec(fixture.spec);
      const panelCsv = readFileSync(join(fixtureDirectory('entropy'), spec.data!), 'utf8');
      const result = runAnalysis(spec, { panelCsv });
      const comparison = compareWithFixture(fixture.expected, result, fixture.tolerance);
      expect(comparison.count).toBeGreaterThan(900);
      expect(describeMismatches(fixture.name, comparison.mismatches)).toBe('');
      const expected = fixture.expected as { scores: { unit: string; time: number }[] };
      const actual = result as unknown as { scores: { unit: string; time: number }[] };
      expect(actual.scores.map((s) => `${s.unit}/${s.time}`)).toEqual(
        expected.scores.map((s) => `${s.unit}/${s.time}`),
      );
      console.info(
        `${fixture.name}: ${comparison.count} numbers, max relative deviation ${comparison.maxRelative.toExponential(2)}`,
      );
    });
  }
});
