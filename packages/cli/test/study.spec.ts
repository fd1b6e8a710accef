/**
 * The `demo` and `study` commands, spawned as a user runs them: byte-identical demo files for a seed,
 * and `study --quick` end to end in a temporary folder writing the report, tables, results and data.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const bin = resolve(__dirname, '../bin/spillover.js');
const repoRoot = resolve(__dirname, '../../..');

function run(args: string[]) {
  const r = spawnSync(process.execPath, [bin, ...args], {
    cwd: repoRoot,
    encoding: 'utf8',
    timeout: 240_000,
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

const files = ['panel.csv', 'texts.csv', 'W-knn.csv', 'W-inverse-distance.csv', 'dgp.json', 'README.md'];

describe('spillover demo', () => {
  it('writes the same bytes for the same seed and different data for another seed', () => {
    const dir = mkdtempSync(join(tmpdir(), 'spillover-demo-'));
    const [a, b, c] = ['a', 'b', 'c'].map((name) => join(dir, name));
    expect(run(['demo', '--out', a!, '--seed', '5', '--cities', '20']).code).toBe(0);
    const r = run(['demo', '--out', b!, '--seed', '5', '--cities', '20']);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({ seed: 5, cities: 20, files });
    for (const f of files) expect(readFileSync(join(b!, f)).equals(readFileSync(join(a!, f))), f).toBe(true);
    expect(run(['demo', '--out', c!, '--seed', '6', '--cities', '20']).code).toBe(0);
    expect(readFileSync(join(c!, 'panel.csv'), 'utf8')).not.toBe(readFileSync(join(a!, 'panel.csv'), 'utf8'));
    expect(readFileSync(join(a!, 'README.md'), 'utf8')).toMatch(/simulated/i);
  }, 120_000);

  it('refuses bad arguments with exit code 2', () => {
    expect(run(['demo']).code).toBe(2);
    const bad = run(['demo', '--out', join(tmpdir(), 'x'), '--cities', 'many']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/--cities/);
    expect(run(['demo', '--out', join(tmpdir(), 'x'), '--cities', '3']).stderr).toMatch(/at least 12/);
    expect(run(['help', 'study']).stdout).toMatch(/--quick/);
  }, 120_000);
});

describe('spillover study --quick', () => {
  it('runs the whole pipeline in process and writes the report, tables and results', () => {
    const out = join(mkdtempSync(join(tmpdir(), 'spillover-study-')), 'study');
    const r = run(['study', '--quick', '--out', out, '--seed', '3']);
    expect(r.code, r.stderr).toBe(0);
    const summary = JSON.parse(r.stdout) as { cities: number; steps: { id: string }[] };
    expect(summary.cities).toBe(60);
    expect(r.stderr).toMatch(/\[study\] 19\/19/);
    const steps = [
      'entropy-index',
      'location-quotient',
      'keyword-count',
      'transform',
      'calibration',
      'baseline-1',
      'baseline-2',
      'mediation',
      'moran',
      'lm-tests',
      'sdm-knn',
      'sdm-inverse',
      'sdm-economic',
      'dsdm',
      'heterogeneity-engagement',
      'heterogeneity-agglomeration',
      'robust-lag',
      'robust-winsor',
      'robust-iv',
    ];
    expect(summary.steps.map((s) => s.id)).toEqual(steps);
    const results = readdirSync(join(out, 'results'));
    expect(results).toHaveLength(steps.length);
    const sdm = JSON.parse(readFileSync(join(out, 'results', '11-sdm-knn.json'), 'utf8'));
    expect(sdm.spec).toMatchObject({
      kind: 'regression',
      model: 'sdm',
      weights: { path: '../data/W-knn-balanced.csv' },
    });
    expect(sdm.result.impacts.direct.lq.estimate).toBeGreaterThan(0);

    // the report's content is tested in @spillover/study; here: the files the runner writes
    const html = readFileSync(join(out, 'report.html'), 'utf8');
    expect(html).toContain('The data are simulated.');
    expect(html).toContain('results/19-robust-iv.json');
    for (const table of [
      'descriptives',
      'entropy-weights',
      'baseline',
      'mediation',
      'lm-tests',
      'sdm',
      'dsdm',
      'heterogeneity',
      'robustness',
    ]) {
      expect(readFileSync(join(out, 'tables', `${table}.tex`), 'utf8'), table).toContain(
        `\\label{tab:${table}}`,
      );
      expect(existsSync(join(out, 'tables', `${table}.csv`)), table).toBe(true);
    }
    expect(readdirSync(join(out, 'data')).sort()).toEqual(
      [
        'README.md',
        'W-economic-balanced.csv',
        'W-inverse-distance-balanced.csv',
        'W-inverse-distance.csv',
        'W-knn-balanced.csv',
        'W-knn.csv',
        'analysis-panel-balanced.csv',
        'analysis-panel.csv',
        'dgp.json',
        'panel.csv',
        'texts.csv',
      ].sort(),
    );
    const entropy = JSON.parse(readFileSync(join(out, 'results', '01-entropy-index.json'), 'utf8'));
    expect(entropy.spec).toMatchObject({ kind: 'entropy-index', data: '../data/panel.csv' });
  }, 240_000);
});
