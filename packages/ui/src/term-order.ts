/**
 * Display order of regression terms. Stored results lose their key order (PostgreSQL jsonb sorts keys), so
 * tables follow the spec instead: lags of y, the regressors as chosen, their spatial lags, then any other term.
 */
export function orderTerms(terms: string[], y: string, x: readonly string[]): string[] {
  const preferred = [`L.${y}`, `W*L.${y}`, ...x, ...x.map((name) => `W*${name}`)];
  const rank = (term: string) => {
    const index = preferred.indexOf(term);
    return index === -1 ? preferred.length : index;
  };
  // Array.prototype.sort is stable: unknown terms keep their relative order at the end.
  return [...terms].sort((a, b) => rank(a) - rank(b));
}
