/**
 * Normal-theory tests of an indirect effect a·b from the two paths' estimates and standard errors:
 *   Sobel (1982)     se² = b² se_a² + a² se_b²
 *   Aroian (1947)    se² = b² se_a² + a² se_b² + se_a² se_b²
 *   Goodman (1960)   se² = b² se_a² + a² se_b² − se_a² se_b²
 * each with z = a·b / se and a two-sided normal p-value.
 */
import { normalTwoSidedP } from '../stats/distributions.js';

export interface NormalTest {
  se: number;
  stat: number;
  p: number;
}

export interface IndirectEffect {
  estimate: number;
  sobel: NormalTest;
  aroian: NormalTest;
  goodman: NormalTest;
}

function normalTest(estimate: number, variance: number): NormalTest {
  const se = Math.sqrt(variance);
  const stat = estimate / se;
  return { se, stat, p: normalTwoSidedP(stat) };
}

export function indirectEffect(a: number, seA: number, b: number, seB: number): IndirectEffect {
  const estimate = a * b;
  const first = b * b * seA * seA + a * a * seB * seB;
  const second = seA * seA * seB * seB;
  return {
    estimate,
    sobel: normalTest(estimate, first),
    aroian: normalTest(estimate, first + second),
    goodman: normalTest(estimate, first - second),
  };
}
