/**
 * Measurement kinds through the built `spillover fit` command: the entropy fixture, `--write-csv`
 * for a new panel version, and its refusals (a kind without columns, the data file itself).
 */
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const bin = resolve(__dirname, '../bin/spillover.js');
const entropy = resolve(__dirname, '../../..', '../shared/fixtures/entropy');
const fixture = JSON.parse(readFileSync(join(entropy, 'cases.json'), 'utf8'))[0] as {
  spec: Record<string, unknown>;
  expected: { weights: Record<string, number>; scores: { score: number }[] };
};

function setup(spec: Record<string, unknown>): string {
  const dir = mkdtempSync(join(tmpdir(), 'spillover-measurement-'));
  copyFileSync(join(entropy, 'panel.csv'), join(dir, 'panel.csv'));
  writeFileSync(join(dir, 'spec.json'), JSON.stringify(spec));
  return dir;
}

function run(dir: string, ...args: string[]) {
  const r = spawnSync(process.execPath, [bin, 'fit', 'spec.json', ...args], {
    cwd: dir,
    encoding: 'utf8',
    timeout: 60_000,
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe('spillover fit with measurement kinds', () => {
  it('entropy-index reproduces the fixture and --write-csv appends the score columns', () => {
    const dir = setup(fixture.spec);
    const r = run(dir, '--write-csv', 'indexed.csv');
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const result = JSON.parse(r.stdout) as typeof fixture.expected;
    for (const [name, w] of Object.entries(fixture.expected.weights)) {
      expect(Math.abs(result.weights[name]! - w)).toBeLessThan(1e-12);
    }
    const lines = readFileSync(join(dir, 'indexed.csv'), 'utf8').trim().split('\n');
    expect(lines[0]).toMatch(/,index,index_economic,index_social,index_environmental,index_resource$/);
    expect(lines).toHaveLength(151);
    expect(Number(lines[1]!.split(',')[10])).toBeCloseTo(fixture.expected.scores[0]!.score, 14);
  });

  it('transform writes its new columns; an existing output column is exit code 2 naming the step', () => {
    const dir = setup({
      kind: 'transform',
      data: 'panel.csv',
      unit: 'city',
      time: 'year',
      steps: [{ op: 'ln', column: 'gdp_pc', as: 'lgdp' }],
    });
    expect(run(dir, '--write-csv', 'out.csv').code).toBe(0);
    expect(readFileSync(join(dir, 'out.csv'), 'utf8').split('\n')[0]).toMatch(/,lgdp$/);
    writeFileSync(
      join(dir, 'spec.json'),
      JSON.stringify({
        kind: 'transform',
        data: 'panel.csv',
        unit: 'city',
        time: 'year',
        steps: [{ op: 'ln', column: 'gdp_pc', as: 'pm25' }],
      }),
    );
    const bad = run(dir);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toBe('spillover: steps[0].as: column "pm25" already exists; choose a new name\n');
  });

  it('--write-csv is refused for a regression and onto the data file', () => {
    const dir = setup({
      kind: 'regression',
      data: 'panel.csv',
      unit: 'city',
      time: 'year',
      y: 'gdp_pc',
      x: ['pm25'],
      model: 'ols',
    });
    const regression = run(dir, '--write-csv', 'x.csv');
    expect(regression.code).toBe(2);
    expect(regression.stderr).toBe(
      'spillover: --write-csv: a "regression" analysis adds no columns to the panel\n',
    );
    writeFileSync(join(dir, 'spec.json'), JSON.stringify(fixture.spec));
    const same = run(dir, '--write-csv', 'panel.csv');
    expect(same.code).toBe(2);
    expect(same.stderr).toContain("is the spec's data file");
  });
});
