/**
 * Stationarity of the dynamic spatial model. Its reduced form is y_t = A y_{t−1} + …, with
 * A = (I − ρW)⁻¹(τI + ηW); y is stable when every eigenvalue of A, (τ + ηλ)/(1 − ρλ) over the
 * eigenvalues λ of W, lies inside the unit circle (Debarsy, Ertur & LeSage 2012; Elhorst 2014,
 * §4.4 — for row-standardised W with real eigenvalues in [λ_min, 1] this is Elhorst's
 * τ + ρ + η < 1 at λ = 1 together with the condition at λ_min).
 */
import type { Spectrum } from '../spectrum.js';

export interface Stability {
  stable: boolean;
  tauPlusRhoPlusEta: number;
  maxModulus: number;
  condition: string;
}

export const STABILITY_CONDITION =
  'max over the eigenvalues λ of W of |(τ + ηλ)/(1 − ρλ)| < 1 (spectral radius of A = (I − ρW)⁻¹(τI + ηW); Debarsy, Ertur & LeSage 2012, Elhorst 2014)';

export function dynamicStability(spectrum: Spectrum, tau: number, eta: number, rho: number): Stability {
  let maxModulus = 0;
  for (let j = 0; j < spectrum.re.length; j++) {
    const lr = spectrum.re[j]!;
    const li = spectrum.im[j]!;
    const num = Math.hypot(tau + eta * lr, eta * li);
    const den = Math.hypot(1 - rho * lr, rho * li);
    maxModulus = Math.max(maxModulus, den === 0 ? Infinity : num / den);
  }
  return {
    stable: maxModulus < 1,
    tauPlusRhoPlusEta: tau + rho + eta,
    maxModulus,
    condition: STABILITY_CONDITION,
  };
}
