import type { WeightsView } from '@spillover/contracts';
import { WeightsSummary } from '@spillover/ui';

/** Summary and unit ids of stored weights (also shown right after an upload or a build). */
export function WeightsDetails({ weights }: { weights: WeightsView }) {
  return (
    <section className="panel" aria-labelledby="weights-summary-heading">
      <h2 id="weights-summary-heading">Neighbour structure</h2>
      <p className="muted">As stored, before any row standardisation.</p>
      <WeightsSummary summary={weights.summary} />
      <details className="unit-ids">
        <summary>{weights.unitIds.length} unit ids</summary>
        <p data-testid="weights-unit-ids">{weights.unitIds.join(', ')}</p>
      </details>
    </section>
  );
}
