/**
 * prepareStudy: deterministic for a seed, measurement columns in the analysis panel, a balanced
 * sub-panel with weights over exactly its cities, and a plan that covers every estimation step with
 * valid specs and the replications `quick` implies.
 */
import { parseAnalysisSpec, parsePanelCsv } from '@spillover/core';
import { describe, expect, it } from 'vitest';
import { studySpecWithFiles, studyStepInputs } from '../src/index.js';
import { measurementIds, planIds, prepareSmall, withoutSeconds } from './fixture.js';

describe('prepareStudy', () => {
  const a = prepareSmall(7);

  it('gives the same data, measurement results and plan for the same seed', () => {
    const b = prepareSmall(7);
    expect(withoutSeconds(b)).toEqual(withoutSeconds(a));
    const c = prepareSmall(8);
    expect(c.data.analysisPanelCsv).not.toBe(a.data.analysisPanelCsv);
    expect(c.options).toEqual({ seed: 8, cities: 40, quick: true });
  });

  it('runs the measurement steps and appends their columns to the analysis panel', () => {
    expect(a.measurement.map((s) => s.id)).toEqual(measurementIds);
    expect(a.measurement.map((s) => s.result.kind)).toEqual(measurementIds);
    expect(a.measurement.map((s) => s.input)).toEqual(['panel', 'panel', 'texts', 'analysis']);
    const raw = parsePanelCsv(a.data.panelCsv, 'code', 'year');
    const panel = parsePanelCsv(a.data.analysisPanelCsv, 'code', 'year');
    expect(panel.nrows).toBe(raw.nrows);
    for (const column of [
      'resilience',
      'resilience_social',
      'lq',
      'digital_ln',
      'ln_patents',
      'lq_lag1',
      'lq_w',
    ]) {
      expect(raw.columns.has(column), column).toBe(false);
      expect(panel.columns.get(column)?.some(Number.isFinite), column).toBe(true);
    }
  });

  it('builds the balanced sub-panel and three weights over exactly its cities', () => {
    const balanced = parsePanelCsv(a.data.balancedPanelCsv, 'code', 'year');
    expect(balanced.units).toHaveLength(a.balanced.units);
    expect(a.balanced.units + a.balanced.dropped.length).toBe(40);
    expect(balanced.nrows).toBe(a.balanced.units * balanced.times.length);
    for (const d of a.balanced.dropped) expect(balanced.units).not.toContain(d);
    expect(a.weights.map((w) => w.key)).toEqual(['knn', 'inverse', 'economic']);
    for (const w of a.weights) {
      const codes = new Set(
        w.text
          .trim()
          .split('\n')
          .slice(1)
          .flatMap((l) => l.split(',').slice(0, 2)),
      );
      expect([...codes].sort(), w.key).toEqual([...balanced.units].sort());
    }
  });

  it('plans every estimation step with a valid spec and no data or weights paths', () => {
    expect(a.plan.map((s) => s.id)).toEqual(planIds);
    const spatial = ['moran', 'lm-tests', 'sdm-knn', 'sdm-inverse', 'sdm-economic', 'dsdm'];
    for (const step of a.plan) {
      const spec = parseAnalysisSpec(step.spec);
      expect(spec.data, step.id).toBeUndefined();
      expect('weights' in spec && spec.weights ? spec.weights.path : undefined, step.id).toBeUndefined();
      expect(step.dataset, step.id).toBe(spatial.includes(step.id) ? 'balanced' : 'analysis');
      expect(step.weights !== undefined, step.id).toBe(spatial.includes(step.id));
      const inputs = studyStepInputs(a, step);
      expect(inputs.panelCsv).toBe(
        step.dataset === 'balanced' ? a.data.balancedPanelCsv : a.data.analysisPanelCsv,
      );
      expect(inputs.weightsName).toBe(a.weights.find((w) => w.key === step.weights)?.file);
    }
    expect(a.plan.find((s) => s.id === 'sdm-economic')!.weights).toBe('economic');
  });

  it('points the specs at the data files for the CLI', () => {
    const sdm = studySpecWithFiles(
      a.plan.find((s) => s.id === 'sdm-inverse')!,
      a,
    );
    expect(sdm).toMatchObject({
      data: '../data/analysis-panel-balanced.csv',
      weights: { path: '../data/W-inverse-distance-balanced.csv', style: 'row' },
    });
    expect(studySpecWithFiles(a.measurement[2]!, a, 'in')).toMatchObject({ data: 'in/texts.csv' });
    // the plan itself is left without paths
    expect(a.plan.find((s) => s.id === 'sdm-inverse')!.spec).toMatchObject({ weights: { style: 'row' } });
    expect(JSON.stringify(a.plan)).not.toContain('../data');
  });

  it('sets the replications from quick', () => {
    const reps = (p: typeof a) => {
      const mediation = parseAnalysisSpec(p.plan.find((s) => s.id === 'mediation')!.spec);
      const dsdm = parseAnalysisSpec(p.plan.find((s) => s.id === 'dsdm')!.spec);
      return [
        mediation.kind === 'mediation' ? mediation.bootstrap?.reps : undefined,
        dsdm.kind === 'regression' ? dsdm.impacts?.draws : undefined,
      ];
    };
    expect(a.reps).toEqual({ bootstrap: 50, draws: 100 });
    expect(reps(a)).toEqual([50, 100]);
    const full = prepareSmall(7, false);
    expect(full.reps).toEqual({ bootstrap: 500, draws: 1000 });
    expect(reps(full)).toEqual([500, 1000]);
    expect(full.data.analysisPanelCsv).toBe(a.data.analysisPanelCsv);
  });
});
