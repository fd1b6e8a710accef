'use client';

import type { AnalysisResult, AnalysisSpec } from '@spillover/contracts';
import { HeterogeneityResultView, MediationResultView, ThresholdResultView } from '@spillover/ui';

/** The result views of mediation, threshold and heterogeneity analyses (names come from the spec). */
export function MechanismResult({ result, spec }: { result: AnalysisResult; spec: AnalysisSpec }) {
  if (result.kind === 'mediation') {
    return (
      <MediationResultView
        result={result}
        treatment={spec.kind === 'mediation' ? spec.treatment : 'treatment'}
        outcome={spec.kind === 'mediation' ? spec.y : 'outcome'}
      />
    );
  }
  if (result.kind === 'threshold') {
    return (
      <ThresholdResultView
        result={result}
        thresholdVariable={spec.kind === 'threshold' ? spec.thresholdVariable : 'q'}
      />
    );
  }
  if (result.kind === 'heterogeneity') return <HeterogeneityResultView result={result} />;
  return null;
}
