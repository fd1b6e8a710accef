import type { AnalysisSpec, AnalysisView } from '@spillover/contracts';

const modelNames: Record<string, string> = {
  ols: 'Pooled OLS',
  fe: 'Fixed effects',
  re: 'Random effects',
  sar: 'Spatial lag (SAR)',
  sem: 'Spatial error (SEM)',
  sac: 'SAC',
  sdm: 'Spatial Durbin (SDM)',
  sdem: 'Spatial Durbin error (SDEM)',
  slx: 'SLX',
  dsdm: 'Dynamic SDM',
  dsar: 'Dynamic SAR',
  moran: "Moran's I",
};

export function modelLabel(model: string | null | undefined): string {
  return model ? (modelNames[model] ?? model) : '—';
}

/** "lgsp ~ lpcap + lpc" for a regression, "Moran's I of lgsp" for a Moran test, else the kind of analysis. */
export function specFormula(spec: AnalysisSpec): string {
  if (spec.kind === 'regression') return `${spec.y} ~ ${spec.x.join(' + ')}`;
  if (spec.kind === 'moran') return `Moran's I of ${spec.variable}`;
  return spec.kind;
}

export function analysisTitle(analysis: Pick<AnalysisView, 'title' | 'spec'>): string {
  return analysis.title || specFormula(analysis.spec);
}
