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

/**
 * A one-line description that tells analyses apart: "lgsp ~ lpcap + lpc" for a regression, "res ~ dig
 * via innov, ind" for a mediation, "res ~ dig by gov (1 threshold)", "res ~ dig across median of gov",
 * "Moran's I of lgsp"; the kind of analysis for measurement steps.
 */
export function specFormula(spec: AnalysisSpec): string {
  switch (spec.kind) {
    case 'regression':
      return `${spec.y} ~ ${spec.x.join(' + ')}`;
    case 'moran':
      return `Moran's I of ${spec.variable}`;
    case 'mediation':
      return `${spec.y} ~ ${spec.treatment} via ${spec.mediators.join(', ')}`;
    case 'threshold':
      return `${spec.y} ~ ${spec.regimeVariable} by ${spec.thresholdVariable} (${spec.thresholds} threshold${spec.thresholds > 1 ? 's' : ''})`;
    case 'heterogeneity': {
      const groups = typeof spec.groupBy === 'string' ? spec.groupBy : `median of ${spec.groupBy.median}`;
      return `${spec.y} ~ ${spec.x.join(' + ')} across ${groups}`;
    }
    case 'entropy-index':
    case 'location-quotient':
    case 'keyword-count':
    case 'transform':
      return spec.kind;
  }
}

export function analysisTitle(analysis: Pick<AnalysisView, 'title' | 'spec'>): string {
  return analysis.title || specFormula(analysis.spec);
}
