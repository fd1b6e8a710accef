/** Significance stars and the two-sided normal p-value used where a result stores only estimate and SE. */

export const starLevels: { stars: string; p: number }[] = [
  { stars: '***', p: 0.01 },
  { stars: '**', p: 0.05 },
  { stars: '*', p: 0.1 },
];

export function starsOf(p: number | undefined): string {
  if (p === undefined || Number.isNaN(p)) return '';
  return starLevels.find((level) => p < level.p)?.stars ?? '';
}

/** "*** p<0.01, ** p<0.05, * p<0.1" */
export function starsNote(): string {
  return starLevels.map((level) => `${level.stars} p<${level.p}`).join(', ');
}

/**
 * erfc(x) for x ≥ 0 by the continued-fraction-free rational approximation of Numerical Recipes
 * (erfcc, §6.2; fractional error below 1.2e-7 everywhere): ample for choosing stars.
 */
function erfc(x: number): number {
  const t = 1 / (1 + 0.5 * x);
  const poly =
    -x * x -
    1.26551223 +
    t *
      (1.00002368 +
        t *
          (0.37409196 +
            t *
              (0.09678418 +
                t *
                  (-0.18628806 +
                    t *
                      (0.27886807 +
                        t * (-1.13520398 + t * (1.48851587 + t * (-0.82215223 + t * 0.17087277))))))));
  return t * Math.exp(poly);
}

/** Two-sided p of z = estimate / se under N(0, 1): P(|Z| > |z|) = erfc(|z| / √2). */
export function normalTwoSidedP(estimate: number, se: number | undefined): number | undefined {
  if (se === undefined || !(se > 0)) return undefined;
  return erfc(Math.abs(estimate / se) / Math.SQRT2);
}
