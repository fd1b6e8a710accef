import { pValueOf } from './normal';
import { ResultTable, type EstimateCell } from './ResultTable';

/** LeSage–Pace summary effects of each regressor: estimate with standard error (simulated or analytic). */
export interface EffectsSet {
  direct: Record<string, EstimateCell>;
  indirect: Record<string, EstimateCell>;
  total: Record<string, EstimateCell>;
}

export interface EffectsTableProps {
  caption: string;
  effects: EffectsSet;
  /** Row order (default: the order of the total effects' keys). */
  terms?: string[];
  note?: string;
  testId?: string;
}

/** Stars need a p-value: effects carry estimate and SE only, so p comes from z = estimate / SE (normal). */
function withP(cells: Record<string, EstimateCell>): Record<string, EstimateCell> {
  return Object.fromEntries(
    Object.entries(cells).map(([term, cell]) => [term, { ...cell, p: pValueOf(cell) }]),
  );
}

/** Direct, indirect (spillover) and total effects side by side, one row per regressor. */
export function EffectsTable({ caption, effects, terms, note, testId = 'effects-table' }: EffectsTableProps) {
  return (
    <ResultTable
      caption={caption}
      terms={terms ?? Object.keys(effects.total)}
      columns={[
        { label: 'Direct', estimates: withP(effects.direct) },
        { label: 'Indirect', estimates: withP(effects.indirect) },
        { label: 'Total', estimates: withP(effects.total) },
      ]}
      testId={testId}
      note={['Stars from z = effect / SE.', note].filter(Boolean).join(' ')}
    />
  );
}

export interface EffectsComparisonProps {
  shortRun: EffectsSet;
  longRun: EffectsSet;
  terms?: string[];
  note?: string;
}

/** Short-run and long-run effects of a dynamic model, side by side. */
export function EffectsComparison({ shortRun, longRun, terms, note }: EffectsComparisonProps) {
  return (
    <div className="sp-side-by-side" data-testid="effects-comparison">
      <EffectsTable
        caption="Short-run effects"
        effects={shortRun}
        terms={terms}
        note={note}
        testId="effects-short-run"
      />
      <EffectsTable
        caption="Long-run effects"
        effects={longRun}
        terms={terms}
        note={note}
        testId="effects-long-run"
      />
    </div>
  );
}
