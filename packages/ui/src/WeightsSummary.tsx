import { formatNumber } from './format';

/** Neighbour structure of a weights matrix (same shape as the API's WeightsSummaryView). */
export interface WeightsSummaryData {
  n: number;
  links: number;
  neighbours: { min: number; mean: number; max: number };
  connectivityPercent: number;
  symmetric: boolean;
  islands: string[];
}

export interface WeightsSummaryProps {
  summary: WeightsSummaryData;
  testId?: string;
}

/** Units, neighbour counts, connectivity, symmetry, and the islands (units without neighbours) by name. */
export function WeightsSummary({ summary, testId = 'weights-summary' }: WeightsSummaryProps) {
  const { neighbours } = summary;
  return (
    <section className="sp-report" data-testid={testId} aria-label="Weights summary">
      <dl className="sp-summary">
        <Item label="Units" value={formatNumber(summary.n)} testId="weights-units" />
        <Item label="Links" value={formatNumber(summary.links)} testId="weights-links" />
        <Item
          label="Neighbours min / mean / max"
          value={`${formatNumber(neighbours.min)} / ${formatNumber(neighbours.mean, 2)} / ${formatNumber(neighbours.max)}`}
          testId="weights-neighbours"
        />
        <Item
          label="Connectivity"
          value={`${formatNumber(summary.connectivityPercent, 2)} %`}
          testId="weights-connectivity"
        />
        <Item label="Symmetric" value={summary.symmetric ? 'Yes' : 'No'} testId="weights-symmetric" />
        <Item label="Islands" value={formatNumber(summary.islands.length)} testId="weights-island-count" />
      </dl>
      {summary.islands.length > 0 && (
        <div className="sp-missing" data-testid="weights-islands">
          <p>
            {summary.islands.length === 1 ? 'One unit has' : `${summary.islands.length} units have`} no
            neighbours; an analysis refuses {summary.islands.length === 1 ? 'it' : 'them'} unless it allows
            islands:
          </p>
          <ul>
            {summary.islands.map((unit) => (
              <li key={unit}>{unit}</li>
            ))}
          </ul>
        </div>
      )}
    </section>
  );
}

function Item({ label, value, testId }: { label: string; value: string; testId: string }) {
  return (
    <div className="sp-summary-item">
      <dt>{label}</dt>
      <dd data-testid={testId}>{value}</dd>
    </div>
  );
}
