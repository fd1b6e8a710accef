/**
 * `transform` steps against hand computations, their errors, and the CSV writer.
 */
import { describe, expect, it } from 'vitest';
import { SpilloverError, type TransformResult } from '@spillover/contracts';
import {
  appendColumnsToCsv,
  appendMeasurementColumns,
  laggedRows,
  parseAnalysisSpec,
  parsePanelCsv,
  quantileType7,
  runAnalysis,
} from '../src/index.js';

// unsorted on purpose; B lacks 2002 (a gap), C has a zero and a missing value
const csv = [
  'id,year,x,y,name',
  'B,2003,8,1,"b, inc"',
  'A,2001,1,2,a',
  'A,2002,2,4,a',
  'B,2001,4,3,"say ""b"""',
  'A,2003,4,6,a',
  'C,2001,0,5,c',
  'C,2002,NA,7,c',
  'C,2003,9,9,c',
].join('\n');

function run(steps: unknown[], text = csv): TransformResult {
  return runAnalysis(parseAnalysisSpec({ kind: 'transform', unit: 'id', time: 'year', steps }), {
    panelCsv: text,
  }) as TransformResult;
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

describe('transform steps', () => {
  it('ln and ln1p (missing stays missing); ln of 0 names unit, period and line', () => {
    const r = run([
      { op: 'ln1p', column: 'x', as: 'lx1' },
      { op: 'ln', column: 'y', as: 'ly' },
    ]);
    expect(r.columns.lx1).toEqual([
      Math.log(9),
      Math.log(2),
      Math.log(3),
      Math.log(5),
      Math.log(5),
      0,
      null,
      Math.log(10),
    ]);
    expect(r.columns.ly![0]).toBe(0);
    const error = errorOf(() => run([{ op: 'ln', column: 'x', as: 'lx' }]));
    expect(error.code).toBe('VALIDATION_FAILED');
    expect(error.message).toBe(
      'steps[0] (ln lx): column "x": ln needs values > 0, but unit "C" in period 2001 (line 7) holds 0',
    );
    expect(
      errorOf(() => run([{ op: 'ln1p', column: 'x', as: 'l' }], csv.replace('C,2001,0', 'C,2001,-1')))
        .message,
    ).toContain('ln(1 + x) needs values > −1, but unit "C" in period 2001 (line 7) holds -1');
  });

  it('lag and diff find the previous year by (unit, year) in an unsorted panel; a gap gives a missing lag', () => {
    const r = run([
      { op: 'lag', column: 'x', as: 'Lx' },
      { op: 'lag', column: 'x', as: 'L2x', order: 2 },
      { op: 'diff', column: 'y', as: 'Dy' },
    ]);
    // rows: B03 A01 A02 B01 A03 C01 C02 C03
    expect(r.columns.Lx).toEqual([null, null, 1, null, 2, null, 0, null]);
    expect(r.columns.L2x).toEqual([4, null, null, null, 1, null, null, 0]);
    expect(r.columns.Dy).toEqual([null, null, 2, null, 2, null, 2, 2]);
  });

  it('string periods lag by position in the sorted period list', () => {
    const panel = parsePanelCsv('id,q,x\nA,2020Q2,2\nA,2020Q1,1\nA,2020Q3,3\n', 'id', 'q');
    const rows = laggedRows(panel.unitIndex, panel.timeIndex, panel.times, panel.units.length, 1, String);
    expect([...rows]).toEqual([1, -1, 0]);
  });

  it('a duplicate unit-period is refused by the lag', () => {
    const error = errorOf(() =>
      laggedRows(Int32Array.of(0, 0), Int32Array.of(0, 0), [2001], 1, 1, (r) => `row ${r}`),
    );
    expect(error.code).toBe('DUPLICATE_ROW');
    expect(error.message).toBe('a lag needs one row per unit and period, but row 0 and row 1 coincide');
  });

  it('winsorize clamps to type-7 quantiles, pooled or per period', () => {
    expect(quantileType7(Float64Array.of(1, 2, 4, 8), 0.1)).toBeCloseTo(1.3, 14);
    const r = run([
      { op: 'winsorize', column: 'y', as: 'yw', lower: 0.1, upper: 0.9 },
      { op: 'winsorize', column: 'y', as: 'ywt', lower: 0.25, upper: 0.75, by: 'per-period' },
    ]);
    // pooled y = 1..9 except 8: sorted 1,2,3,4,5,6,7,9; Q(0.1) = 1.7, Q(0.9) = 7.6
    expect(r.columns.yw!.map((v) => +v!.toFixed(12))).toEqual([1.7, 2, 4, 3, 6, 5, 7, 7.6]);
    // 2001: 2,3,5 -> [2.5, 4]; 2002: 4,7 -> [4.75, 6.25]; 2003: 1,6,9 -> [3.5, 7.5]
    expect(r.columns.ywt).toEqual([3.5, 2.5, 4.75, 3, 6, 4, 6.25, 7.5]);
  });

  it('standardize uses the n − 1 standard deviation; per period too; a constant block is named', () => {
    const r = run([
      { op: 'standardize', column: 'y', as: 'zy' },
      { op: 'standardize', column: 'y', as: 'zyt', by: 'per-period' },
    ]);
    const y = [1, 2, 4, 3, 6, 5, 7, 9];
    const mean = y.reduce((a, b) => a + b) / 8;
    const sd = Math.sqrt(y.reduce((a, b) => a + (b - mean) ** 2, 0) / 7);
    r.columns.zy!.forEach((v, i) => expect(v).toBeCloseTo((y[i]! - mean) / sd, 14));
    // 2002: 4 and 7 -> mean 5.5, sd 2.1213
    expect(r.columns.zyt![2]).toBeCloseTo(-1.5 / Math.sqrt(4.5), 14);
    expect(r.summary.zy).toMatchObject({ n: 8, missing: 0 });
    expect(r.summary.zy!.sd).toBeCloseTo(1, 14);
    const flat = errorOf(() =>
      run(
        [{ op: 'standardize', column: 'y', as: 'z', by: 'per-period' }],
        csv.replace('A,2002,2,4', 'A,2002,2,7'),
      ),
    );
    expect(flat.code).toBe('INSUFFICIENT_DATA');
    expect(flat.message).toBe(
      'steps[0] (standardize z): cannot standardise column "y" in period 2002: zero variance',
    );
  });

  it('interact multiplies (optionally centred) columns; median-split and membership give dummies', () => {
    const r = run([
      { op: 'interact', columns: ['x', 'y'], as: 'xy' },
      { op: 'interact', columns: ['x', 'y'], as: 'xyc', center: true },
      { op: 'median-split', column: 'y', as: 'high' },
      { op: 'median-split', column: 'y', as: 'hight', by: 'per-period' },
      { op: 'membership', units: ['A', 'C'], as: 'pilot' },
    ]);
    expect(r.columns.xy).toEqual([8, 2, 8, 12, 24, 0, null, 81]);
    const xMean = (8 + 1 + 2 + 4 + 4 + 0 + 9) / 7;
    expect(r.columns.xyc![0]).toBeCloseTo((8 - xMean) * (1 - 37 / 8), 14);
    // pooled median of y = 4.5
    expect(r.columns.high).toEqual([0, 0, 0, 0, 1, 1, 1, 1]);
    // medians per year: 2001 -> 3, 2002 -> 5.5, 2003 -> 6
    expect(r.columns.hight).toEqual([0, 0, 0, 0, 0, 1, 1, 1]);
    expect(r.columns.pilot).toEqual([0, 1, 1, 0, 1, 1, 1, 1]);
    expect(r.provenance[1]).toEqual({ op: 'interact', columns: ['x', 'y'], as: 'xyc', center: true });
  });

  it('a step may use the column of an earlier step', () => {
    const r = run([
      { op: 'ln', column: 'y', as: 'ly' },
      { op: 'diff', column: 'ly', as: 'gy' },
    ]);
    expect(r.columns.gy![2]).toBeCloseTo(Math.log(2), 15);
  });

  it('refuses an existing output column, an unknown column, a text column, an unknown unit and lower ≥ upper', () => {
    const exists = errorOf(() => run([{ op: 'ln', column: 'y', as: 'x' }]));
    expect(exists.code).toBe('INVALID_SPEC');
    expect(exists.message).toBe('steps[0].as: column "x" already exists; choose a new name');
    expect(
      errorOf(() =>
        run([
          { op: 'ln', column: 'y', as: 'a' },
          { op: 'lag', column: 'y', as: 'a' },
        ]),
      ).message,
    ).toBe('steps[1].as: column "a" already exists; choose a new name');
    const unknown = errorOf(() => run([{ op: 'lag', column: 'z', as: 'Lz' }]));
    expect(unknown.code).toBe('UNKNOWN_COLUMN');
    expect(unknown.message).toMatch(/^steps\[0\]\.column: column "z" is not in the panel/);
    expect(errorOf(() => run([{ op: 'interact', columns: ['x', 'z'], as: 'i' }])).message).toMatch(
      /^steps\[0\]\.columns\[1\]: column "z"/,
    );
    expect(errorOf(() => run([{ op: 'ln', column: 'name', as: 'l' }])).code).toBe('NON_NUMERIC_CELL');
    const unit = errorOf(() => run([{ op: 'membership', units: ['A', 'Z'], as: 'm' }]));
    expect(unit.message).toBe('steps[0].units[1]: unit "Z" is not in the panel');
    expect(
      errorOf(() => run([{ op: 'winsorize', column: 'y', as: 'w', lower: 0.9, upper: 0.1 }])).message,
    ).toBe('steps[0].lower: 0.9 must be below upper (0.1)');
    expect(errorOf(() => run([{ op: 'ln', column: 'y', as: '1bad' }])).code).toBe('INVALID_SPEC');
    expect(errorOf(() => run([{ op: 'square', column: 'y', as: 'q' }])).code).toBe('INVALID_SPEC');
  });
});

describe('CSV writer', () => {
  it('appends the new columns, quoting where needed, and reads back as a panel', () => {
    const spec = parseAnalysisSpec({
      kind: 'transform',
      unit: 'id',
      time: 'year',
      steps: [{ op: 'lag', column: 'x', as: 'Lx' }],
    });
    const result = runAnalysis(spec, { panelCsv: csv });
    const out = appendMeasurementColumns(spec, result, csv);
    const lines = out.split('\n');
    expect(lines[0]).toBe('id,year,x,y,name,Lx');
    expect(lines[1]).toBe('B,2003,8,1,"b, inc",');
    expect(lines[3]).toBe('A,2002,2,4,a,1');
    expect(lines[4]).toBe('B,2001,4,3,"say ""b""",');
    const panel = parsePanelCsv(out, 'id', 'year');
    expect([...panel.columns.get('Lx')!].map((v) => (Number.isNaN(v) ? null : v))).toEqual(
      result.kind === 'transform' ? result.columns.Lx : [],
    );
  });

  it('refuses a column name already in the CSV and a wrong length', () => {
    expect(() => appendColumnsToCsv(csv, [{ name: 'x', values: new Float64Array(8) }])).toThrow(
      'panel CSV already has a column "x"',
    );
    expect(() => appendColumnsToCsv(csv, [{ name: 'w', values: new Float64Array(3) }])).toThrow(
      'column "w" has 3 values for 8 rows',
    );
  });
});
