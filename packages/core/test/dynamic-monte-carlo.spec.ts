/**
 * Monte Carlo check of the dynamic SDM estimators (N = 285 on random points, kNN W, T = 23 with one
 * period lost to the lag, 20 replications; ../bench/dynamic-monte-carlo.ts runs more): the Lee–Yu
 * corrected estimates are close to unbiased, while plain QML shows the Nickell-type bias of τ.
 */
import { describe, expect, it } from 'vitest';
import { LABELS, dynamicWorld, runMonteCarlo } from '../bench/dynamic-monte-carlo.js';

describe('dynamic SDM Monte Carlo (N = 285, T = 23)', () => {
  it('the bias correction removes the bias of τ; every corrected mean bias is small', () => {
    const world = dynamicWorld(285, 22);
    const { bias } = runMonteCarlo(world, 20);
    const at = (kind: string, label: string): number => bias[kind]![LABELS.indexOf(label)]!;
    // plain QML: τ biased down by about (1 + τ)/T
    expect(at('plain', 'tau')).toBeLessThan(-0.015);
    expect(Math.abs(at('leeYu', 'tau'))).toBeLessThan(0.006);
    expect(Math.abs(at('leeYu', 'tau'))).toBeLessThan(Math.abs(at('plain', 'tau')) / 3);
    expect(Math.abs(at('leeYu', 'rho'))).toBeLessThan(0.015);
    expect(Math.abs(at('leeYu', 'eta'))).toBeLessThan(0.02);
    for (const label of ['beta1', 'beta2']) expect(Math.abs(at('leeYu', label))).toBeLessThan(0.01);
    for (const label of ['theta1', 'theta2']) expect(Math.abs(at('leeYu', label))).toBeLessThan(0.03);
  }, 60_000);
});
