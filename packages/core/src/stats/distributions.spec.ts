import { describe, expect, it } from 'vitest';
import {
  chiSquareSf,
  fSf,
  normalCdf,
  normalQuantile,
  normalSf,
  normalTwoSidedP,
  studentTSf,
  studentTTwoSidedP,
} from './distributions.js';

/** Relative difference, for comparisons with high-precision reference values (SciPy 1.x / R 4.2). */
function relative(actual: number, expected: number): number {
  return Math.abs(actual - expected) / Math.abs(expected);
}

describe('distributions', () => {
  it('t two-sided p-values match R (fixture fe-unit-cluster, t(47))', () => {
    expect(relative(studentTTwoSidedP(2.0952405361147957, 47), 0.041564120885508433)).toBeLessThan(1e-13);
    expect(relative(studentTTwoSidedP(-0.9016632088070369, 764), 0.3675199582391566)).toBeLessThan(1e-13);
  });

  it('t p-values far in the tail keep their relative accuracy', () => {
    expect(relative(studentTTwoSidedP(28.535868582502395, 811), 1.4849225278075344e-124)).toBeLessThan(1e-13);
    expect(relative(studentTTwoSidedP(43.20323959080243, 811), 1.540837512550197e-212)).toBeLessThan(1e-13);
  });

  it('t upper tail on both sides and with fractional df', () => {
    expect(relative(studentTSf(1.5, 3), 0.11529193262241147)).toBeLessThan(1e-13);
    expect(relative(studentTSf(-0.3, 10.5), 0.6149836987506438)).toBeLessThan(1e-13);
  });

  it('normal distribution in both tails', () => {
    expect(relative(normalCdf(-37), 5.7255712225239266e-300)).toBeLessThan(1e-12);
    expect(relative(normalCdf(-5), 2.866515718791933e-7)).toBeLessThan(1e-13);
    expect(relative(normalSf(8), 6.22096057427174e-16)).toBeLessThan(1e-13);
    expect(normalCdf(0)).toBe(0.5);
    expect(relative(normalTwoSidedP(29.28026146592025), 1.8501629751960727e-188)).toBeLessThan(1e-11);
    expect(relative(normalTwoSidedP(0.18954299808593725), 0.8496672582234402)).toBeLessThan(1e-13);
  });

  it('normal quantile inverts the distribution function', () => {
    expect(relative(normalQuantile(0.975), 1.959963984540054)).toBeLessThan(1e-14);
    expect(relative(normalQuantile(0.3), -0.5244005127080409)).toBeLessThan(1e-14);
    expect(relative(normalQuantile(0.999), 3.090232306167813)).toBeLessThan(1e-14);
    expect(relative(normalQuantile(1e-300), -37.0470962993612)).toBeLessThan(1e-13);
    expect(normalQuantile(0)).toBe(-Infinity);
    expect(Number.isNaN(normalQuantile(1.5))).toBe(true);
  });

  it('chi-square upper tail (fixture Hausman chi2(4), LM chi2(1))', () => {
    expect(relative(chiSquareSf(9.525415634993387, 4), 0.049227624176258075)).toBeLessThan(1e-13);
    expect(relative(chiSquareSf(223.86840513582038, 1), 1.2960399665603383e-50)).toBeLessThan(1e-12);
    expect(relative(chiSquareSf(3.84, 1), 0.05004352124870519)).toBeLessThan(1e-13);
    expect(relative(chiSquareSf(100, 50), 3.454931382984871e-5)).toBeLessThan(1e-12);
    expect(relative(chiSquareSf(0.5, 7), 0.9994464813904249)).toBeLessThan(1e-14);
  });

  it('F upper tail', () => {
    expect(relative(fSf(3, 4, 20), 0.04320099833421409)).toBeLessThan(1e-13);
    expect(relative(fSf(150, 3, 800), 4.027098271713781e-77)).toBeLessThan(1e-11);
    expect(fSf(0, 2, 3)).toBe(1);
  });
});
