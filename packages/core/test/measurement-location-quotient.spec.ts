/** Location quotients and densities against hand computations; errors name column, unit and period. */
import { describe, expect, it } from 'vitest';
import { SpilloverError, type LocationQuotientResult } from '@spillover/contracts';
import { parseAnalysisSpec, runAnalysis } from '../src/index.js';

const csv = [
  'region,year,digital,employment,area,nat_digital,nat_total',
  'A,2020,10,100,50,100,1000',
  'B,2020,30,200,20,100,1000',
  'C,2020,10,300,10,100,1000',
  'A,2021,20,100,50,120,1000',
  'B,2021,20,200,20,120,1000',
  'C,2021,20,300,10,120,1000',
].join('\n');

function run(fields: Record<string, unknown>, text = csv): LocationQuotientResult {
  const spec = parseAnalysisSpec({
    kind: 'location-quotient',
    unit: 'region',
    time: 'year',
    sector: 'digital',
    total: 'employment',
    ...fields,
  });
  return runAnalysis(spec, { panelCsv: text }) as LocationQuotientResult;
}

function errorOf(action: () => unknown): SpilloverError {
  try {
    action();
  } catch (error) {
    if (error instanceof SpilloverError) return error;
    throw error;
  }
  throw new Error('expected a SpilloverError');
}

describe('location quotient', () => {
  it('national totals summed from the panel: LQ = (e/E) / (Σe/ΣE)', () => {
    const r = run({ area: 'area' });
    // 2020: national share 50/600; A: 0.1 / (1/12) = 1.2; B: 0.15 * 12 = 1.8; C: (1/30) * 12 = 0.4
    // 2021: national share 60/600 = 0.1; A: 2; B: 1; C: 2/3
    const expected = [
      ['A', 2020, 1.2, 0.2],
      ['A', 2021, 2, 0.4],
      ['B', 2020, 1.8, 1.5],
      ['B', 2021, 1, 1],
      ['C', 2020, 0.4, 1],
      ['C', 2021, 2 / 3, 2],
    ] as const;
    expect(r.values).toHaveLength(6);
    r.values.forEach((v, i) => {
      const [unit, time, lq, density] = expected[i]!;
      expect([v.unit, v.time]).toEqual([unit, time]);
      expect(v.lq).toBeCloseTo(lq, 14);
      expect(v.density).toBeCloseTo(density, 14);
    });
    expect(r.national[0]).toEqual({ time: 2020, sector: 50, total: 600, share: 50 / 600 });
    expect(r.nperiods).toBe(2);
  });

  it('national totals from columns', () => {
    const r = run({ nationalSector: 'nat_digital', nationalTotal: 'nat_total' });
    // 2020: share 0.1: A 1, B 1.5, C 1/3
    expect(r.values[0]!.lq).toBeCloseTo(1, 14);
    expect(r.values[2]!.lq).toBeCloseTo(1.5, 14);
    expect(r.values[0]!.density).toBeUndefined();
    expect(r.national[1]!.share).toBeCloseTo(0.12, 15);
  });

  it('errors name the column, unit, period and line', () => {
    const zero = errorOf(() => run({}, csv.replace('B,2021,20,200', 'B,2021,20,0')));
    expect(zero.code).toBe('VALIDATION_FAILED');
    expect(zero.message).toBe(
      'total: column "employment" is 0, but must be > 0 for unit "B" in period 2021 (line 6)',
    );
    const missing = errorOf(() => run({}, csv.replace('C,2020,10', 'C,2020,')));
    expect(missing.message).toBe('sector: column "digital" is missing for unit "C" in period 2020 (line 4)');
    const inconsistent = errorOf(() =>
      run(
        { nationalSector: 'nat_digital', nationalTotal: 'nat_total' },
        csv.replace('B,2020,30,200,20,100', 'B,2020,30,200,20,101'),
      ),
    );
    expect(inconsistent.message).toBe(
      'nationalSector: column "nat_digital" must be the same for every unit of period 2020, but line 2 holds 100 and line 3 holds 101',
    );
    expect(errorOf(() => run({ nationalSector: 'nat_digital' })).message).toBe(
      'nationalTotal: give both nationalSector and nationalTotal, or neither',
    );
    expect(errorOf(() => run({ area: 'km2' })).code).toBe('UNKNOWN_COLUMN');
    const none = errorOf(() =>
      run({}, csv.replace(/,(10|30|20),(\d+),(\d+),(\d+),(\d+)\n?/g, ',0,$2,$3,$4,$5\n')),
    );
    expect(none.code).toBe('INSUFFICIENT_DATA');
    expect(none.message).toContain('national sector total of period 2020 is 0');
  });
});
