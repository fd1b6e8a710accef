/**
 * `spillover fit` with weights built from a GeoJSON map (queen/rook contiguity): a Moran spec on a
 * 3 × 3 grid of squares gives the same result as the same spec with the rook neighbours written out.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const bin = resolve(__dirname, '../bin/spillover.js');

function fit(dir: string, spec: Record<string, unknown>) {
  writeFileSync(join(dir, 'spec.json'), JSON.stringify(spec));
  const r = spawnSync(process.execPath, [bin, 'fit', join(dir, 'spec.json')], {
    encoding: 'utf8',
    timeout: 60_000,
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

const cell = (row: number, col: number) => `c${row}${col}`;

/** Cells c11 … c33 (row, column) as unit squares; property `code` holds the id. */
function gridGeoJson(): string {
  const features = [];
  for (let row = 1; row <= 3; row++) {
    for (let col = 1; col <= 3; col++) {
      const ring = [
        [col, row],
        [col + 1, row],
        [col + 1, row + 1],
        [col, row + 1],
        [col, row],
      ];
      features.push({
        type: 'Feature',
        properties: { code: cell(row, col) },
        geometry: { type: 'Polygon', coordinates: [ring] },
      });
    }
  }
  return JSON.stringify({ type: 'FeatureCollection', features });
}

/** The grid's rook neighbours (cells sharing an edge) as an edge list. */
function rookEdgeList(): string {
  const lines = ['from,to,weight'];
  for (let row = 1; row <= 3; row++) {
    for (let col = 1; col <= 3; col++) {
      for (const [dr, dc] of [
        [-1, 0],
        [1, 0],
        [0, -1],
        [0, 1],
      ] as const) {
        const [r, c] = [row + dr, col + dc];
        if (r >= 1 && r <= 3 && c >= 1 && c <= 3) lines.push(`${cell(row, col)},${cell(r, c)},1`);
      }
    }
  }
  return lines.join('\n');
}

/** 9 cells × 4 years; y rises towards the top-right corner, plus a small year-specific wiggle. */
function panelCsv(): string {
  const lines = ['code,year,y'];
  for (const year of [2001, 2002, 2003, 2004]) {
    for (let row = 1; row <= 3; row++) {
      for (let col = 1; col <= 3; col++) {
        lines.push(`${cell(row, col)},${year},${row + col + (((row * 5 + col * 3 + year) % 7) - 3) / 10}`);
      }
    }
  }
  return lines.join('\n');
}

function workspace(): string {
  const dir = mkdtempSync(join(tmpdir(), 'spillover-geojson-'));
  writeFileSync(join(dir, 'grid.geojson'), gridGeoJson());
  writeFileSync(join(dir, 'rook.csv'), rookEdgeList());
  writeFileSync(join(dir, 'panel.csv'), panelCsv());
  return dir;
}

const moran = { kind: 'moran', data: 'panel.csv', unit: 'code', time: 'year', variable: 'y' };

describe('spillover fit with GeoJSON weights', () => {
  it('builds rook contiguity from weights.path and matches the written-out rook edge list', () => {
    const dir = workspace();
    const fromMap = fit(dir, {
      ...moran,
      weights: { path: 'grid.geojson', contiguity: 'rook', idProperty: 'code' },
    });
    expect(fromMap.stderr).toBe('');
    expect(fromMap.code).toBe(0);
    const fromEdges = fit(dir, { ...moran, weights: { path: 'rook.csv' } });
    expect(fromEdges.code).toBe(0);
    const [a, b] = [JSON.parse(fromMap.stdout), JSON.parse(fromEdges.stdout)];
    expect(a.byTime).toHaveLength(4);
    expect(a.byTime[0].I).toBeGreaterThan(0);
    expect(a.byTime).toEqual(b.byTime);
  });

  it('uses queen contiguity for a .geojson path by default, which differs from rook', () => {
    const dir = workspace();
    const queen = fit(dir, { ...moran, weights: { path: 'grid.geojson', idProperty: 'code' } });
    expect(queen.code).toBe(0);
    const rook = fit(dir, {
      ...moran,
      weights: { path: 'grid.geojson', contiguity: 'rook', idProperty: 'code' },
    });
    expect(JSON.parse(queen.stdout).byTime[0].I).not.toBeCloseTo(JSON.parse(rook.stdout).byTime[0].I, 6);
  });

  it('names weights.idProperty when it is missing, and the feature when its id is', () => {
    const dir = workspace();
    const noId = fit(dir, { ...moran, weights: { path: 'grid.geojson' } });
    expect(noId.code).toBe(2);
    expect(noId.stderr).toMatch(/weights\.idProperty/);
    const wrongId = fit(dir, { ...moran, weights: { path: 'grid.geojson', idProperty: 'name' } });
    expect(wrongId.code).toBe(2);
    expect(wrongId.stderr).toContain('feature 0: property "name" (the unit id) is missing');
  });
});
