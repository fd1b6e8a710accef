/**
 * Dynamic spatial panel model with unit or two-way fixed effects: transformation (./design.ts),
 * quasi-ML (./qml.ts), optional Lee–Yu / Yu–de Jong–Lee bias correction (./bias-correction.ts),
 * QML covariance at the reported estimates (./covariance.ts) and the stability check (./stability.ts).
 */
import { logDetKernel, weightsSpectrum, type LogDetKernel, type Spectrum } from '../spectrum.js';
import type { SpatialWeights } from '../weights/types.js';
import { leeYuCorrection } from './bias-correction.js';
import { dynamicCovariance } from './covariance.js';
import { dynamicDesign, type DynamicDesign, type LaggedSample } from './design.js';
import { fitDynamicLag, type DynamicEstimate, type DynamicFit } from './qml.js';
import { dynamicStability, type Stability } from './stability.js';

export interface DynamicModelOptions {
  effects: 'unit' | 'twoways';
  leeYu: boolean;
  /** Also compute the covariance of the uncorrected estimates (leeYu only). */
  uncorrectedCovariance?: boolean;
  /** Orthonormal F (N × (N − 1), row-major) for SDPDmod's basis-dependent non-normality term (./covariance.ts). */
  basis?: Float64Array;
  /** W's eigenvalues and log-determinant kernel, when already at hand (e.g. across simulations). */
  spectrum?: Spectrum;
  logdet?: LogDetKernel;
}

export interface DynamicModelFit {
  design: DynamicDesign;
  uncorrected: DynamicFit;
  uncorrectedVcov?: Float64Array;
  /** Reported estimates: bias-corrected with leeYu, else the QML ones. Order of vcov: (b, ρ, σ²). */
  estimate: DynamicEstimate;
  vcov: Float64Array;
  /** Eigen-components of A removed by the correction (leeYu only). */
  removed?: number;
  stability: Stability;
  spectrum: Spectrum;
  logdet: LogDetKernel;
}

export function fitDynamicModel(
  sample: LaggedSample,
  w: SpatialWeights,
  options: DynamicModelOptions,
): DynamicModelFit {
  const logdet = options.logdet ?? logDetKernel(w);
  const spectrum = options.spectrum ?? weightsSpectrum(w);
  const design = dynamicDesign(sample, w, logdet, options.effects, options.leeYu);
  const uncorrected = fitDynamicLag(design);
  let estimate: DynamicEstimate = uncorrected;
  let removed: number | undefined;
  let uncorrectedVcov: Float64Array | undefined;
  if (options.leeYu) {
    const c = leeYuCorrection(design, uncorrected, spectrum);
    estimate = c.corrected;
    removed = c.removed;
    if (options.uncorrectedCovariance) {
      uncorrectedVcov = dynamicCovariance(design, uncorrected, options.basis);
    }
  }
  const vcov = dynamicCovariance(design, estimate, options.basis);
  const tau = design.tau >= 0 ? estimate.beta[design.tau]! : 0;
  const eta = design.eta >= 0 ? estimate.beta[design.eta]! : 0;
  const stability = dynamicStability(spectrum, tau, eta, estimate.rho);
  return { design, uncorrected, uncorrectedVcov, estimate, vcov, removed, stability, spectrum, logdet };
}
