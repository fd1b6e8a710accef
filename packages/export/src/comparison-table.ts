import {
  SpilloverError,
  type AnalysisResult,
  type AnalysisSpec,
  type ComparisonTable,
  type Estimate,
  type Impacts,
  type MoranResult,
  type RegressionResult,
  type TableCell,
  type TableColumn,
  type TableRow,
  type TableSection,
} from '@spillover/contracts';
import { normalTwoSidedP, starLevels, starsNote, starsOf } from './significance.js';

/** One model of a table: its spec and stored result, with the weights it used. */
export interface TableModel {
  analysisId: string;
  spec: AnalysisSpec;
  result: AnalysisResult;
  /** Name and version of the stored weights matrix, when the spec uses one. */
  weights?: { name: string; version: number } | null;
  /** Header; default "(1)", "(2)", … */
  label?: string;
  /** Title under the header; default the model and its fixed effects. */
  title?: string;
}

export interface TableOptions {
  title: string;
  variableLabels?: Record<string, string>;
  digits?: number;
}

export const defaultDigits = 4;

const modelNames: Record<string, string> = {
  ols: 'Pooled OLS',
  fe: 'FE',
  re: 'RE',
  sar: 'SAR',
  sem: 'SEM',
  sac: 'SAC',
  sdm: 'SDM',
  sdem: 'SDEM',
  slx: 'SLX',
  dsdm: 'Dynamic SDM',
  dsar: 'Dynamic SAR',
};
const effectNames: Record<string, string> = { none: '', unit: 'unit', time: 'time', twoways: 'two-way' };
const vcovNames: Record<string, string> = {
  classical: 'Classical',
  cluster: 'Clustered by unit',
  robust: 'Robust',
};

type RegressionSpec = Extract<AnalysisSpec, { kind: 'regression' }>;

/** "FE two-way", "SDM unit", "Pooled OLS". */
export function defaultModelTitle(spec: AnalysisSpec): string {
  if (spec.kind === 'moran') return `Moran's I of ${spec.variable}`;
  if (spec.kind !== 'regression') return spec.kind;
  const effects = spec.model === 'ols' ? '' : (effectNames[spec.effects] ?? spec.effects);
  return [modelNames[spec.model] ?? spec.model, effects].filter(Boolean).join(' ');
}

/** How a term is printed: the user's label, spatial lags as W·label, time lags as label(t−1). */
export function termLabel(term: string, labels: Record<string, string>): string {
  if (labels[term]) return labels[term];
  if (term.startsWith('W*L.')) return `W·${termLabel(term.slice(4), labels)}(t−1)`;
  if (term.startsWith('W*')) return `W·${termLabel(term.slice(2), labels)}`;
  if (term.startsWith('L.')) return `${termLabel(term.slice(2), labels)}(t−1)`;
  if (term === '(Intercept)') return 'Constant';
  return term;
}

function estimateCell(estimate: Estimate | undefined): TableCell | null {
  if (!estimate) return null;
  // ρ and λ may be stored without a p-value: the z test of the ML estimate gives the stars
  const p = estimate.p ?? normalTwoSidedP(estimate.estimate, estimate.se);
  const cell: TableCell = { value: estimate.estimate, stars: starsOf(p) };
  if (estimate.se !== undefined) cell.se = estimate.se;
  if (p !== undefined) cell.p = p;
  return cell;
}

function regressionOf(model: TableModel): { spec: RegressionSpec; result: RegressionResult } {
  if (model.spec.kind !== 'regression' || model.result.kind !== 'regression') {
    throw new SpilloverError(
      'UNSUPPORTED',
      `analysis ${model.analysisId} is a ${model.result.kind} analysis: only regressions can be compared`,
      { analysisId: model.analysisId },
    );
  }
  return { spec: model.spec, result: model.result };
}

/** Terms of every model in print order: regressors as specified, their spatial lags, others, the constant last. */
function coefficientOrder(models: { spec: RegressionSpec; result: RegressionResult }[]): string[] {
  const present = new Set(models.flatMap((m) => Object.keys(m.result.coefficients)));
  const order: string[] = [];
  const add = (term: string) => {
    if (present.has(term) && !order.includes(term)) order.push(term);
  };
  for (const m of models) m.spec.x.forEach(add);
  for (const m of models) m.spec.x.forEach((x) => add(`W*${x}`));
  for (const m of models) {
    for (const term of Object.keys(m.result.coefficients).sort()) if (term !== '(Intercept)') add(term);
  }
  add('(Intercept)');
  return order.filter((term) => !isDynamicTerm(term, models));
}

/** τ (L.y) and η (W*L.y) are reported with ρ and λ, not among the coefficients. */
function isDynamicTerm(term: string, models: { spec: RegressionSpec }[]): boolean {
  return models.some((m) => term === `L.${m.spec.y}` || term === `W*L.${m.spec.y}`);
}

function impactSections(
  models: { result: RegressionResult }[],
  pick: (r: RegressionResult) => Impacts | undefined,
  ids: [TableSection['id'], TableSection['id'], TableSection['id']],
  suffix: string,
  labels: Record<string, string>,
): TableSection[] {
  const kinds = ['direct', 'indirect', 'total'] as const;
  return kinds.flatMap((kind, i) => {
    const terms = [...new Set(models.flatMap((m) => Object.keys(pick(m.result)?.[kind] ?? {})))];
    if (terms.length === 0) return [];
    const title = `${kind[0]!.toUpperCase()}${kind.slice(1)} effects${suffix}`;
    return [
      {
        id: ids[i]!,
        title,
        rows: terms.map((term) => ({
          key: `${ids[i]}.${term}`,
          label: termLabel(term, labels),
          format: 'estimate' as const,
          cells: models.map((m) => estimateCell(pick(m.result)?.[kind][term])),
        })),
      },
    ];
  });
}

function statisticRow(
  key: string,
  label: string,
  format: 'number' | 'integer',
  values: (number | undefined)[],
): TableRow | null {
  if (values.every((v) => v === undefined)) return null;
  return { key, label, format, cells: values.map((value) => (value === undefined ? null : { value })) };
}

function yesNo(value: boolean): TableCell {
  return { text: value ? 'Yes' : 'No' };
}

/**
 * The comparison table of regressions, one column per model: coefficients (estimate, SE, stars), spatial
 * and dynamic parameters (ρ, λ, τ, η), LeSage–Pace effects (short- and long-run), the specification (fixed
 * effects, weights, standard errors) and fit statistics. Numbers are the stored ones; renderers round them.
 */
export function buildComparisonTable(input: TableModel[], options: TableOptions): ComparisonTable {
  const labels = options.variableLabels ?? {};
  const models = input.map(regressionOf);
  const columns: TableColumn[] = input.map((model, i) => ({
    analysisId: model.analysisId,
    label: model.label || `(${i + 1})`,
    title: model.title || defaultModelTitle(model.spec),
    dependent: models[i]!.spec.y,
  }));

  const coefficients: TableSection = {
    id: 'coefficients',
    title: 'Coefficients',
    rows: coefficientOrder(models).map((term) => ({
      key: term,
      label: termLabel(term, labels),
      format: 'estimate',
      cells: models.map((m) => estimateCell(m.result.coefficients[term])),
    })),
  };

  const spatialRows: TableRow[] = [
    { key: 'rho', label: 'ρ (W·y)', pick: (m: (typeof models)[number]) => m.result.rho },
    { key: 'lambda', label: 'λ (W·u)', pick: (m: (typeof models)[number]) => m.result.lambda },
    {
      key: 'tau',
      label: 'τ (y, t−1)',
      pick: (m: (typeof models)[number]) => m.result.coefficients[`L.${m.spec.y}`],
    },
    {
      key: 'eta',
      label: 'η (W·y, t−1)',
      pick: (m: (typeof models)[number]) => m.result.coefficients[`W*L.${m.spec.y}`],
    },
  ]
    .map(({ key, label, pick }) => ({
      key,
      label,
      format: 'estimate' as const,
      cells: models.map((m) => estimateCell(pick(m))),
    }))
    .filter((row) => row.cells.some((cell) => cell !== null));

  const effects = (m: (typeof models)[number]) => m.spec.effects;
  const specification: TableRow[] = [
    {
      key: 'effects.unit',
      label: 'Unit fixed effects',
      format: 'text',
      cells: models.map((m) =>
        m.spec.model === 're' ? { text: 'Random' } : yesNo(effects(m) === 'unit' || effects(m) === 'twoways'),
      ),
    },
    {
      key: 'effects.time',
      label: 'Time fixed effects',
      format: 'text',
      cells: models.map((m) => yesNo(effects(m) === 'time' || effects(m) === 'twoways')),
    },
    {
      key: 'weights',
      label: 'Spatial weights',
      format: 'text',
      cells: input.map((model, i) => {
        const w = models[i]!.spec.weights;
        if (!w) return { text: 'None' };
        const name = model.weights
          ? `${model.weights.name} v${model.weights.version}`
          : (w.path ?? w.id ?? 'W');
        return { text: `${name}${w.style === 'row' ? ', row-standardised' : ''}` };
      }),
    },
    {
      key: 'vcov',
      label: 'Standard errors',
      format: 'text',
      cells: models.map((m) => ({ text: vcovNames[m.spec.vcov] ?? m.spec.vcov })),
    },
  ];
  if (models.some((m) => m.spec.leeYu)) {
    specification.push({
      key: 'leeYu',
      label: 'Lee–Yu correction',
      format: 'text',
      cells: models.map((m) => yesNo(m.spec.leeYu)),
    });
  }

  const r = (pick: (result: RegressionResult) => number | undefined) => models.map((m) => pick(m.result));
  const statistics = [
    statisticRow(
      'nobs',
      'N',
      'integer',
      r((x) => x.nobs),
    ),
    statisticRow(
      'nunits',
      'Units',
      'integer',
      r((x) => x.nunits),
    ),
    statisticRow(
      'nperiods',
      'Periods',
      'integer',
      r((x) => x.nperiods),
    ),
    statisticRow(
      'r2',
      'R²',
      'number',
      r((x) => x.r2),
    ),
    statisticRow(
      'r2Within',
      'R² within',
      'number',
      r((x) => x.r2Within),
    ),
    statisticRow(
      'r2Adj',
      'Adjusted R²',
      'number',
      r((x) => x.r2Adj),
    ),
    statisticRow(
      'sigma2',
      'σ²',
      'number',
      r((x) => x.sigma2),
    ),
    statisticRow(
      'logLik',
      'Log-likelihood',
      'number',
      r((x) => x.logLik),
    ),
    statisticRow(
      'aic',
      'AIC',
      'number',
      r((x) => x.aic),
    ),
    statisticRow(
      'bic',
      'BIC',
      'number',
      r((x) => x.bic),
    ),
  ].filter((row): row is TableRow => row !== null);

  const sections: TableSection[] = [
    coefficients,
    ...(spatialRows.length > 0
      ? [{ id: 'spatial' as const, title: 'Spatial and dynamic parameters', rows: spatialRows }]
      : []),
    ...impactSections(models, (x) => x.impacts, ['direct', 'indirect', 'total'], '', labels),
    ...impactSections(
      models,
      (x) => x.impactsLongRun,
      ['directLongRun', 'indirectLongRun', 'totalLongRun'],
      ' (long run)',
      labels,
    ),
    { id: 'specification', title: 'Specification', rows: specification },
    { id: 'statistics', title: 'Statistics', rows: statistics },
  ];

  const dependents = [...new Set(columns.map((c) => c.dependent))];
  return {
    title: options.title,
    columns,
    sections,
    digits: options.digits ?? defaultDigits,
    starLevels,
    notes: [
      `Dependent variable: ${dependents.map((y) => termLabel(y, labels)).join(', ')}. Standard errors in parentheses.`,
      `Significance: ${starsNote()}${spatialRows.length > 0 ? '; for ρ, λ, τ and η stored without a p-value, two-sided z tests' : ''}.`,
    ],
  };
}

/** Moran's I by period as a one-column table: I with its standard deviation under randomisation and stars. */
export function buildMoranTable(
  analysisId: string,
  spec: AnalysisSpec,
  result: MoranResult,
  options: TableOptions,
): ComparisonTable {
  const labels = options.variableLabels ?? {};
  const cell = (period: { I: number; variance: number; pTwoSided: number }): TableCell => ({
    value: period.I,
    se: Math.sqrt(period.variance),
    p: period.pTwoSided,
    stars: starsOf(period.pTwoSided),
  });
  const rows: TableRow[] = result.byTime.map((period) => ({
    key: `I.${period.time}`,
    label: String(period.time),
    format: 'estimate',
    cells: [cell(period)],
  }));
  if (result.pooled) {
    rows.push({ key: 'I.pooled', label: 'Pooled', format: 'estimate', cells: [cell(result.pooled)] });
  }
  return {
    title: options.title,
    columns: [{ analysisId, label: '(1)', title: defaultModelTitle(spec), dependent: result.variable }],
    sections: [
      { id: 'coefficients', title: `Moran's I of ${termLabel(result.variable, labels)} by period`, rows },
      {
        id: 'statistics',
        title: 'Statistics',
        rows: [
          { key: 'nunits', label: 'Units', format: 'integer', cells: [{ value: result.nunits }] },
          { key: 'nperiods', label: 'Periods', format: 'integer', cells: [{ value: result.nperiods }] },
        ],
      },
    ],
    digits: options.digits ?? defaultDigits,
    starLevels,
    notes: [
      'Standard deviation of I under the randomisation assumption in parentheses.',
      `Significance (two-sided): ${starsNote()}.`,
    ],
  };
}

/** The table of one analysis: a one-column regression table, or Moran's I by period. */
export function buildAnalysisTable(model: TableModel, options: TableOptions): ComparisonTable {
  if (model.result.kind === 'moran') {
    return buildMoranTable(model.analysisId, model.spec, model.result, options);
  }
  if (model.result.kind === 'regression') return buildComparisonTable([model], options);
  throw new SpilloverError(
    'UNSUPPORTED',
    `tables of ${model.result.kind} results are not available: the replication bundle holds the result JSON`,
    { analysisId: model.analysisId, kind: model.result.kind },
  );
}
