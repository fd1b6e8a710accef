import type { AnalysisSpecInput } from '@spillover/contracts';

/** Dimensions of a resilience index; any other name is a custom group. */
export const standardGroups = ['economic', 'social', 'environmental', 'resource'] as const;

export interface IndicatorChoice {
  column: string;
  included: boolean;
  direction: '+' | '-';
  /** One of standardGroups, or `custom` with `customGroup`. */
  group: string;
  customGroup: string;
}

export interface IndexForm {
  indicators: IndicatorChoice[];
  weighting: 'pooled' | 'per-period' | 'global';
  method: 'entropy' | 'topsis';
  output: string;
  /** Name of the new dataset version; empty keeps the source dataset's name. */
  saveAs: string;
}

/** Names that usually mean "less is better" in resilience and environment indicators. */
const negativeHints =
  /pm2?5|pollut|emission|energy_intensity|intensity|unemploy|so2|co2|waste|accident|poverty/i;

/** A first guess for each numeric column: included, direction from its name, group `economic`. */
export function initialIndicators(columns: string[]): IndicatorChoice[] {
  return columns.map((column) => ({
    column,
    included: true,
    direction: negativeHints.test(column) ? '-' : '+',
    group: 'economic',
    customGroup: '',
  }));
}

export function groupOf(choice: IndicatorChoice): string {
  return choice.group === 'custom' ? choice.customGroup.trim() : choice.group;
}

/** Problems the form can see before asking the API (keyed by field). */
export function indexFormErrors(form: IndexForm): Record<string, string | undefined> {
  const chosen = form.indicators.filter((i) => i.included);
  const unnamed = chosen.find((i) => groupOf(i) === '');
  return {
    indicators:
      chosen.length < 2
        ? 'choose at least two indicators'
        : unnamed
          ? `name the custom group of ${unnamed.column}`
          : undefined,
    output: /^[A-Za-z_][A-Za-z0-9_.]*$/.test(form.output)
      ? undefined
      : 'use letters, digits, "_" or "." and start with a letter or "_"',
  };
}

/** The entropy-index spec of the form (what POST /analyses and `spillover fit` take). */
export function indexSpec(form: IndexForm, unit: string, time: string): AnalysisSpecInput {
  return {
    kind: 'entropy-index',
    unit,
    time,
    indicators: form.indicators
      .filter((i) => i.included)
      .map((i) => ({ column: i.column, direction: i.direction, group: groupOf(i) })),
    weighting: form.weighting,
    method: form.method,
    output: form.output,
  };
}
