/**
 * Monte Carlo of the dynamic spatial Durbin estimators on simulated two-way fixed-effects panels
 * (N units on random points, k-nearest-neighbour W, row-standardised):
 *   y_t = (I − ρW)⁻¹(τ y_{t−1} + η W y_{t−1} + X_t β + W X_t θ + μ + α_t 1 + ε_t),  ε ~ N(0, σ²),
 * started at y = 0 and run `burnIn` periods before the T kept. Prints bias and RMSE of τ, ρ, η, β, θ
 * for plain QML (two-way demeaning), the Lee–Yu transformed QML before the bias correction, and after it.
 *
 *   npx tsx bench/dynamic-monte-carlo.ts [replications=200] [N=285] [T=23]
 */
import { luDecompose, luSolve } from '../src/linalg/dense.js';
import { createRng } from '../src/stats/random.js';
import { laggedSample } from '../src/spatial/dynamic/design.js';
import { fitDynamicModel } from '../src/spatial/dynamic/fit.js';
import { logDetKernel, weightsSpectrum } from '../src/spatial/spectrum.js';
import { knnWeights } from '../src/spatial/weights/build.js';
import { matchWeights } from '../src/spatial/weights/match.js';
import { denseWeights, spatialLag, type SpatialWeights } from '../src/spatial/weights/types.js';

export const TRUTH = { tau: 0.4, rho: 0.3, eta: -0.1, beta: [1, -0.5], theta: [0.5, 0.3], sigma2: 1 };
/** Parameter labels in the order of `estimatesOf`. */
export const LABELS = ['tau', 'eta', 'beta1', 'beta2', 'theta1', 'theta2', 'rho'];
const TRUE_VALUES = [TRUTH.tau, TRUTH.eta, ...TRUTH.beta, ...TRUTH.theta, TRUTH.rho];

export interface DynamicWorld {
  w: SpatialWeights;
  n: number;
  periods: number;
  solver: ReturnType<typeof luDecompose>;
  spectrum: ReturnType<typeof weightsSpectrum>;
  logdet: ReturnType<typeof logDetKernel>;
}

/** Random points, their kNN W and what every replication reuses (LU of I − ρW, eigenvalues, log-det kernel). */
export function dynamicWorld(n: number, periods: number, seed = 1, k = 6): DynamicWorld {
  const rng = createRng(seed, 1_000_000);
  const ids = Array.from({ length: n }, (_, i) => `u${i + 1}`);
  const px = Float64Array.from({ length: n }, () => rng.next());
  const py = Float64Array.from({ length: n }, () => rng.next());
  const w = matchWeights(knnWeights({ ids, x: px, y: py }, k), ids, { style: 'row' });
  const a = denseWeights(w).map((v, q) => (q % (n + 1) === 0 ? 1 : 0) - TRUTH.rho * v);
  return { w, n, periods, solver: luDecompose(a, n), spectrum: weightsSpectrum(w), logdet: logDetKernel(w) };
}

/** One simulated panel (period-major y and x over T + 1 periods: the first is lost to the lag). */
export function simulateDynamicPanel(
  world: DynamicWorld,
  replication: number,
  burnIn = 50,
): { y: Float64Array; x: Float64Array[] } {
  const { w, n } = world;
  const rng = createRng(20240611, replication);
  const total = world.periods + 1;
  const mu = Float64Array.from({ length: n }, () => rng.normal());
  const y = new Float64Array(n * total);
  const x = TRUTH.beta.map(() => new Float64Array(n * total));
  let prev = new Float64Array(n);
  for (let t = -burnIn; t < total; t++) {
    const alpha = rng.normal();
    const wPrev = spatialLag(w, prev);
    const rhs = new Float64Array(n);
    for (let i = 0; i < n; i++)
      rhs[i] =
        TRUTH.tau * prev[i]! +
        TRUTH.eta * wPrev[i]! +
        mu[i]! +
        alpha +
        Math.sqrt(TRUTH.sigma2) * rng.normal();
    TRUTH.beta.forEach((b, j) => {
      // regressors with a unit-specific level, so that the fixed effects matter
      const col = Float64Array.from({ length: n }, (_, i) => 0.5 * mu[i]! + rng.normal());
      const wx = spatialLag(w, col);
      for (let i = 0; i < n; i++) rhs[i]! += b * col[i]! + TRUTH.theta[j]! * wx[i]!;
      if (t >= 0) x[j]!.set(col, t * n);
    });
    prev = luSolve(world.solver, n, rhs);
    if (t >= 0) y.set(prev, t * n);
  }
  return { y, x };
}

/** Estimates (τ, η, β, θ, ρ) of one panel: plain QML, Lee–Yu QML before and after the bias correction. */
export function estimatesOf(
  world: DynamicWorld,
  panel: { y: Float64Array; x: Float64Array[] },
): { plain: number[]; leeYuRaw: number[]; leeYu: number[] } {
  const x = panel.x.map((values, j) => ({ name: `x${j + 1}`, values }));
  const sample = laggedSample(
    world.w,
    world.periods + 1,
    'y',
    panel.y,
    x,
    x.map((c) => c.name),
    { timeLag: true, spaceTimeLag: true },
  );
  const shared = { spectrum: world.spectrum, logdet: world.logdet, effects: 'twoways' as const };
  const plain = fitDynamicModel(sample, world.w, { ...shared, leeYu: false });
  const ly = fitDynamicModel(sample, world.w, { ...shared, leeYu: true });
  const vector = (e: { beta: Float64Array; rho: number }): number[] => [...e.beta, e.rho];
  return { plain: vector(plain.estimate), leeYuRaw: vector(ly.uncorrected), leeYu: vector(ly.estimate) };
}

export interface MonteCarloSummary {
  bias: Record<string, number[]>;
  rmse: Record<string, number[]>;
}

export function runMonteCarlo(world: DynamicWorld, replications: number, first = 0): MonteCarloSummary {
  const kinds = ['plain', 'leeYuRaw', 'leeYu'] as const;
  const sum = Object.fromEntries(kinds.map((k) => [k, new Float64Array(TRUE_VALUES.length)]));
  const sumSq = Object.fromEntries(kinds.map((k) => [k, new Float64Array(TRUE_VALUES.length)]));
  for (let r = first; r < first + replications; r++) {
    const est = estimatesOf(world, simulateDynamicPanel(world, r));
    for (const kind of kinds) {
      est[kind].forEach((v, j) => {
        const e = v - TRUE_VALUES[j]!;
        sum[kind]![j]! += e;
        sumSq[kind]![j]! += e * e;
      });
    }
  }
  const bias: Record<string, number[]> = {};
  const rmse: Record<string, number[]> = {};
  for (const kind of kinds) {
    bias[kind] = Array.from(sum[kind]!, (s) => s / replications);
    rmse[kind] = Array.from(sumSq[kind]!, (s) => Math.sqrt(s / replications));
  }
  return { bias, rmse };
}

function main(): void {
  const [reps = 200, n = 285, periods = 23] = process.argv.slice(2).map(Number);
  const started = Date.now();
  // T periods observed, one lost to the lag: the estimation sample has T − 1
  const world = dynamicWorld(n, periods - 1);
  const { bias, rmse } = runMonteCarlo(world, reps);
  const seconds = (Date.now() - started) / 1000;
  console.log(
    `dynamic SDM, two-way effects: N = ${n}, T = ${periods} (${periods - 1} after the lag), ${reps} replications, ${seconds.toFixed(1)} s`,
  );
  console.log(
    `truth: τ = ${TRUTH.tau}, η = ${TRUTH.eta}, ρ = ${TRUTH.rho}, β = ${TRUTH.beta}, θ = ${TRUTH.theta}, σ² = ${TRUTH.sigma2}`,
  );
  const header = [
    'parameter',
    'true',
    'bias QML',
    'RMSE QML',
    'bias LY-raw',
    'RMSE LY-raw',
    'bias LY-corrected',
    'RMSE LY-corrected',
  ];
  console.log(header.join(' | '));
  LABELS.forEach((label, j) => {
    const f = (v: number): string => v.toFixed(4);
    console.log(
      [
        label,
        String(TRUE_VALUES[j]),
        f(bias.plain![j]!),
        f(rmse.plain![j]!),
        f(bias.leeYuRaw![j]!),
        f(rmse.leeYuRaw![j]!),
        f(bias.leeYu![j]!),
        f(rmse.leeYu![j]!),
      ].join(' | '),
    );
  });
}

if (process.argv[1]?.endsWith('dynamic-monte-carlo.ts')) main();
