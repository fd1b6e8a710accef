/**
 * The built `spillover` command, spawned as a user would run it: fixture specs, help, and bad inputs
 * (exit code 2 and one stderr line naming the column or row).
 */
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const here = __dirname;
const bin = resolve(here, '../bin/spillover.js');
const repoRoot = resolve(here, '../../..');
const produc = join(repoRoot, '../shared/fixtures/produc');

function run(args: string[], cwd = repoRoot) {
  const r = spawnSync(process.execPath, [bin, ...args], { cwd, encoding: 'utf8', timeout: 60_000 });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

function workspace(): string {
  const dir = mkdtempSync(join(tmpdir(), 'spillover-cli-'));
  copyFileSync(join(produc, 'panel.csv'), join(dir, 'panel.csv'));
  copyFileSync(join(produc, 'W.csv'), join(dir, 'W.csv'));
  return dir;
}

function writeSpec(dir: string, spec: Record<string, unknown>): string {
  const path = join(dir, 'spec.json');
  writeFileSync(path, JSON.stringify(spec));
  return path;
}

interface FixtureCase {
  name: string;
  spec: Record<string, unknown>;
  expected: { coefficients: Record<string, { estimate: number; se: number }>; nobs: number };
}
const cases = JSON.parse(readFileSync(join(produc, 'cases.json'), 'utf8')) as FixtureCase[];
const byName = (name: string) => cases.find((c) => c.name === name)!;

describe('spillover fit', () => {
  for (const name of [
    'ols-pooled',
    'fe-twoways-cluster',
    're-swar-hausman',
    'iv-fe-unit',
    'lmtests-fe-unit',
  ]) {
    it(`reproduces the ${name} fixture with paths relative to the spec`, () => {
      const dir = workspace();
      const fixture = byName(name);
      const r = run(['fit', writeSpec(dir, fixture.spec)], tmpdir());
      expect(r.stderr).toBe('');
      expect(r.code).toBe(0);
      const result = JSON.parse(r.stdout);
      expect(result.nobs).toBe(fixture.expected.nobs);
      for (const [term, expected] of Object.entries(fixture.expected.coefficients)) {
        expect(Math.abs(result.coefficients[term].estimate - expected.estimate)).toBeLessThan(
          1e-9 + 1e-6 * Math.abs(expected.estimate),
        );
        expect(Math.abs(result.coefficients[term].se - expected.se)).toBeLessThan(1e-9 + 1e-6 * expected.se);
      }
    });
  }

  it('prints indented JSON with --pretty and one line without', () => {
    const dir = workspace();
    const path = writeSpec(dir, byName('fe-unit-classical').spec);
    expect(run(['fit', path]).stdout.trim().split('\n')).toHaveLength(1);
    const pretty = run(['fit', path, '--pretty']).stdout;
    expect(pretty.startsWith('{\n  "kind": "regression"')).toBe(true);
  });
});

describe('spillover validate', () => {
  it('prints the validation report', () => {
    const r = run(['validate', join(produc, 'panel.csv'), '--unit', 'state', '--time', 'year']);
    expect(r.code).toBe(0);
    const report = JSON.parse(r.stdout);
    expect(report).toMatchObject({
      rows: 816,
      units: 48,
      periods: 17,
      balanced: true,
      missingUnitPeriodCount: 0,
    });
  });

  it('names a duplicate row and exits 2', () => {
    const dir = workspace();
    const csv = readFileSync(join(dir, 'panel.csv'), 'utf8');
    const second = csv.split('\n')[1]!;
    writeFileSync(join(dir, 'panel.csv'), `${csv.trimEnd()}\n${second}\n`);
    const r = run(['validate', join(dir, 'panel.csv'), '--unit', 'state', '--time', 'year']);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe('spillover: panel CSV lines 2 and 818 both hold unit "ALABAMA" in period 1970\n');
  });

  it('needs --unit and --time', () => {
    const r = run(['validate', join(produc, 'panel.csv'), '--unit', 'state']);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe('spillover: validate needs --time COLUMN\n');
  });
});

describe('spillover help', () => {
  it('documents every command and option', () => {
    const general = run(['--help']);
    expect(general.code).toBe(0);
    for (const word of ['fit', 'validate', 'help', '--pretty', '--version']) {
      expect(general.stdout).toContain(word);
    }
    const fit = run(['help', 'fit']);
    expect(fit.code).toBe(0);
    expect(fit.stdout).toContain('spillover fit SPEC.json [--pretty]');
    expect(fit.stdout).toContain('relative to the spec file');
    const validate = run(['help', 'validate']);
    for (const word of ['--unit', '--time', '--pretty']) expect(validate.stdout).toContain(word);
  });
});

describe('spillover schema', () => {
  type Branch = { properties: { kind: { const: string } }; required?: string[] };

  it('prints the JSON Schema of the spec, one branch per kind with its required fields', () => {
    const r = run(['schema']);
    expect(r.code).toBe(0);
    const schema = JSON.parse(r.stdout) as { $schema: string; oneOf: Branch[] };
    expect(schema.$schema).toContain('json-schema.org');
    const kinds = schema.oneOf.map((branch) => branch.properties.kind.const).sort();
    expect(kinds).toEqual([
      'entropy-index',
      'heterogeneity',
      'keyword-count',
      'location-quotient',
      'mediation',
      'moran',
      'regression',
      'threshold',
      'transform',
    ]);
    const regression = schema.oneOf.find((branch) => branch.properties.kind.const === 'regression')!;
    // fields with defaults may be left out of a spec; the variables may not
    expect(regression.required).toEqual(expect.arrayContaining(['kind', 'unit', 'time', 'y', 'x']));
    expect(regression.required).not.toContain('effects');
  });

  it('prints the result schema and refuses anything else', () => {
    const result = run(['schema', 'result']);
    expect(JSON.parse(result.stdout).oneOf).toHaveLength(9);
    const bad = run(['schema', 'specs']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('schema takes spec or result');
  });
});

describe('bad input', () => {
  const oneLine = (stderr: string) => {
    expect(stderr.endsWith('\n')).toBe(true);
    expect(stderr.trimEnd().split('\n')).toHaveLength(1);
  };

  it('an unknown column: exit 2 naming the field and column', () => {
    const dir = workspace();
    const r = run(['fit', writeSpec(dir, { ...byName('ols-pooled').spec, x: ['lpcap', 'nope'] })]);
    expect(r.code).toBe(2);
    oneLine(r.stderr);
    expect(r.stderr).toMatch(/^spillover: x\[1\]: column "nope" is not in the panel/);
  });

  it('an invalid spec field: exit 2 naming the field', () => {
    const dir = workspace();
    const r = run(['fit', writeSpec(dir, { ...byName('ols-pooled').spec, vcov: 'sandwich' })]);
    expect(r.code).toBe(2);
    oneLine(r.stderr);
    expect(r.stderr).toMatch(/^spillover: vcov: /);
  });

  it('a missing data file, a missing spec and invalid JSON: exit 2', () => {
    const dir = workspace();
    const missingData = run(['fit', writeSpec(dir, { ...byName('ols-pooled').spec, data: 'absent.csv' })]);
    expect(missingData.code).toBe(2);
    expect(missingData.stderr).toMatch(
      /^spillover: data: cannot read panel file .*absent\.csv: no such file\n$/,
    );
    const missingSpec = run(['fit', join(dir, 'nothing.json')]);
    expect(missingSpec.code).toBe(2);
    expect(missingSpec.stderr).toContain('no such file');
    writeFileSync(join(dir, 'broken.json'), '{ "kind": ');
    const broken = run(['fit', join(dir, 'broken.json')]);
    expect(broken.code).toBe(2);
    expect(broken.stderr).toMatch(/^spillover: .*broken\.json is not valid JSON/);
  });

  it('a text cell in a regressor: exit 2 naming the column and line', () => {
    const dir = workspace();
    const csv = readFileSync(join(dir, 'panel.csv'), 'utf8').split('\n');
    csv[3] = csv[3]!.replace(/,[^,]*$/, ',n/a?');
    writeFileSync(join(dir, 'panel.csv'), csv.join('\n'));
    const r = run(['fit', writeSpec(dir, byName('ols-pooled').spec)]);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe('spillover: x[2]: column "lemp" is not numeric: line 4 holds "n/a?"\n');
  });

  it('an unknown command or option: exit 2', () => {
    expect(run(['estimate']).code).toBe(2);
    const option = run(['fit', 'x.json', '--fast']);
    expect(option.code).toBe(2);
    expect(option.stderr).toBe('spillover: unknown option --fast\n');
    expect(run([]).code).toBe(2);
  });
});
